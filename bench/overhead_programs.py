#!/usr/bin/python3
"""The Python side of bench/overhead-programs.ts: the same overhead-bound programs, timed when asked
between the Node side's blocks (--serve: timing_server.py), or with --instructions '[[n0, n1], ...]'
the segments bench/callgrind.ts counts."""
import json
import sys

import torch
import torch.nn as nn

from callgrind_segments import run_segments
from timing_server import serve

torch.manual_seed(0)
torch.set_num_threads(1)


class RNN(nn.Module):
    # the char-RNN classification tutorial's model: two Linear layers over [input, hidden]
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.h2o = nn.Linear(input_size + hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = self.i2h(combined)
        output = self.softmax(self.h2o(combined))
        return output, hidden


rnn = RNN(57, 128, 18)
criterion = nn.NLLLoss()
lr = 0.005
line = torch.zeros(7, 1, 57)
for i in range(7):
    line[i, 0, (i * 11) % 57] = 1
category = torch.tensor([3])


def char_rnn_step():
    # the tutorial's train(): per-character forward, NLLLoss, backward, manual SGD over p.data
    hidden = torch.zeros(1, 128)
    rnn.zero_grad()
    for i in range(line.size(0)):
        output, hidden = rnn(line[i], hidden)
    loss = criterion(output, category)
    loss.backward()
    for p in rnn.parameters():
        p.data.add_(p.grad.data, alpha=-lr)
    return loss


mlp = nn.Sequential(*[nn.Linear(8, 8) for _ in range(100)])
opt = torch.optim.SGD(mlp.parameters(), lr=0.01, momentum=0.9)
for p in mlp.parameters():
    p.grad = torch.ones_like(p) * 0.01


def sgd_step():
    opt.step()


# the manual update of the tutorials' loops, over 100 parameters (the first 50 layers' weights and biases)
few = list(mlp.parameters())[:100]


def manual_update():
    for p in few:
        p.data.add_(p.grad, alpha=-0.01)


class RNNModel(nn.Module):
    # pytorch/examples/word_language_model/model.py's RNNModel with an LSTM
    def __init__(self, ntoken, ninp, nhid, nlayers):
        super().__init__()
        self.ntoken, self.nhid, self.nlayers = ntoken, nhid, nlayers
        self.drop = nn.Dropout(0.2)
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, nlayers, dropout=0.2)
        self.decoder = nn.Linear(nhid, ntoken)

    def forward(self, input, hidden):
        emb = self.drop(self.encoder(input))
        output, hidden = self.rnn(emb, hidden)
        decoded = self.decoder(self.drop(output)).view(-1, self.ntoken)
        return torch.nn.functional.log_softmax(decoded, dim=1), hidden

    def init_hidden(self, bsz):
        return (torch.zeros(self.nlayers, bsz, self.nhid), torch.zeros(self.nlayers, bsz, self.nhid))


def word_lm_step(nhid):
    # main.py's train(): repackage the hidden state, forward, NLLLoss, backward, clip, manual SGD
    ntokens, bptt, batch = 1000, 35, 20
    model = RNNModel(ntokens, nhid, nhid, 2)
    criterion = nn.NLLLoss()
    data = torch.randint(ntokens, (bptt + 1, batch))
    input, target = data[0:bptt], data[1:bptt + 1].reshape(-1)
    state = {'hidden': model.init_hidden(batch)}
    model.train()

    def step():
        hidden = tuple(h.detach() for h in state['hidden'])
        model.zero_grad()
        output, state['hidden'] = model(input, hidden)
        loss = criterion(output, target)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.25)
        for p in model.parameters():
            p.data.add_(p.grad, alpha=-20)
        return loss
    return step


PROGRAMS = {'char-RNN tutorial step (7 chars, hidden 128)': char_rnn_step,
            'SGD(momentum).step, 100-layer MLP of width 8': sgd_step,
            'p.data.add_(p.grad, alpha=-lr), 100 params': manual_update,
            'word LM step, LSTM hidden 16 (bptt 35, batch 20)': word_lm_step(16),
            'word LM step, LSTM hidden 128 (bptt 35, batch 20)': word_lm_step(128)}

if sys.argv[1:2] == ['--instructions']:
    run_segments(list(PROGRAMS.values()), json.loads(sys.argv[2]))
elif sys.argv[1:2] == ['--serve']:
    serve(PROGRAMS)
else:
    sys.exit(__doc__)
