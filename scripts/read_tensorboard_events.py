#!/usr/bin/python3
"""An independent reader of TensorBoard event files, for test/tensorboard.test.ts: TFRecord framing
with its masked CRC-32C checked, each record decoded by Python's protobuf runtime from the message
schema (compiled here with protoc), printed as JSON. With --histogram VALUES.json it also prints
what PyTorch's make_histogram (torch/utils/tensorboard/summary.py, with numpy) makes of the values.
    read_tensorboard_events.py SCHEMA.proto LOGDIR [--histogram VALUES.json]
"""
import importlib
import io
import json
import os
import struct
import subprocess
import sys
import tempfile

import numpy as np
from google.protobuf.json_format import MessageToDict
from PIL import Image


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def masked(data):
    crc = crc32c(data)
    return (((crc >> 15) | (crc << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def records(path):
    with open(path, 'rb') as f:
        blob = f.read()
    at = 0
    while at < len(blob):
        header = blob[at:at + 8]
        (length,) = struct.unpack('<Q', header)
        (length_crc,) = struct.unpack('<I', blob[at + 8:at + 12])
        assert length_crc == masked(header), f'{path}: bad length CRC at {at}'
        data = blob[at + 12:at + 12 + length]
        (data_crc,) = struct.unpack('<I', blob[at + 12 + length:at + 16 + length])
        assert data_crc == masked(data), f'{path}: bad data CRC at {at}'
        yield data
        at += 16 + length


def make_histogram(values, bins, max_bins=None):
    """PyTorch's make_histogram, as torch.utils.tensorboard.summary has it."""
    values = values.reshape(-1)
    counts, limits = np.histogram(values, bins=bins)
    num_bins = len(counts)
    if max_bins is not None and num_bins > max_bins:
        subsampling = num_bins // max_bins
        subsampling_remainder = num_bins % subsampling
        if subsampling_remainder != 0:
            counts = np.pad(counts, pad_width=[[0, subsampling - subsampling_remainder]], mode='constant', constant_values=0)
        counts = counts.reshape(-1, subsampling).sum(axis=-1)
        new_limits = np.empty((counts.size + 1,), limits.dtype)
        new_limits[:-1] = limits[:-1:subsampling]
        new_limits[-1] = limits[-1]
        limits = new_limits
    cum_counts = np.cumsum(np.greater(counts, 0))
    start, end = np.searchsorted(cum_counts, [0, cum_counts[-1] - 1], side='right')
    start = int(start)
    end = int(end) + 1
    counts = counts[start - 1:end] if start > 0 else np.concatenate([[0], counts[:end]])
    limits = limits[start:end + 1]
    return {'min': float(values.min()), 'max': float(values.max()), 'num': len(values), 'sum': float(values.sum()),
            'sumSquares': float(values.dot(values)), 'bucketLimit': limits.tolist(), 'bucket': counts.tolist()}


def default_bins():
    v = 1e-12
    buckets, neg = [], []
    while v < 1e20:
        buckets.append(v)
        neg.append(-v)
        v *= 1.1
    return neg[::-1] + [0] + buckets


def main():
    schema, logdir = sys.argv[1], sys.argv[2]
    out_dir = tempfile.mkdtemp()
    subprocess.run(['protoc', f'--proto_path={os.path.dirname(os.path.abspath(schema))}', f'--python_out={out_dir}', os.path.basename(schema)], check=True)
    sys.path.insert(0, out_dir)
    pb = importlib.import_module(os.path.splitext(os.path.basename(schema))[0] + '_pb2')
    result = {}
    for dirpath, _, files in sorted(os.walk(logdir)):
        for name in sorted(files):
            if 'tfevents' not in name:
                continue
            events = []
            for data in records(os.path.join(dirpath, name)):
                event = pb.Event.FromString(data)
                e = MessageToDict(event, preserving_proto_field_name=False)
                for value, d in zip(event.summary.value, e.get('summary', {}).get('value', [])):
                    if value.HasField('image'):
                        pixels = np.asarray(Image.open(io.BytesIO(value.image.encoded_image_string)))
                        d['image']['pixels'] = pixels.reshape(-1).tolist()
                        d['image']['pixelShape'] = list(pixels.shape)
                        del d['image']['encodedImageString']
                    if value.metadata.plugin_data.plugin_name == 'hparams':
                        d['hparams'] = MessageToDict(pb.HParamsPluginData.FromString(value.metadata.plugin_data.content))
                    if value.HasField('tensor') and value.tensor.string_val:
                        d['text'] = [s.decode('utf-8') for s in value.tensor.string_val]
                events.append(e)
            result[os.path.relpath(os.path.join(dirpath, name), logdir)] = events
    if '--histogram' in sys.argv:
        spec = json.load(open(sys.argv[sys.argv.index('--histogram') + 1]))
        bins = default_bins() if spec['bins'] == 'tensorflow' else spec['bins']
        result['histogramReference'] = make_histogram(np.array(spec['values'], dtype=float), bins, spec.get('maxBins'))
    json.dump(result, sys.stdout)


main()
