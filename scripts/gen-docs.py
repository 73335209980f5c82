"""lib/generated/docs.json: PyTorch's docstrings for torch-node's public symbols, in TS syntax.

Reads the public paths (`node scripts/add-docs.mjs --paths`, one a line) on stdin, finds the Python
object each mirrors (camelCase segment -> Python's snake_case name), and writes its docstring converted
from reStructuredText to the Markdown an editor's hover shows: roles and literals as code, `Args:`
entries with camelCase names, `>>>` examples rewritten as TypeScript (keywords -> one trailing options
object, tuples -> arrays, `new` for classes, True/False/None -> true/false/null, printed output as
comments), and a link to the page on docs.pytorch.org. Run where PyTorch is newest (Debian sid's
python3-torch 2.14 and python3-torchvision 0.27): scripts/libtorch-root.sh sid --docs.
"""
import inspect
import io
import json
import keyword
import re
import sys
import tokenize
import warnings

warnings.filterwarnings('ignore')
import torch  # noqa: E402
import torchvision  # noqa: E402
import torchvision.transforms.functional  # noqa: E402,F401
import torch.utils.data  # noqa: E402,F401
import torch.distributions  # noqa: E402,F401

DISTRIBUTION_CLASSES = '|'.join(n for n in torch.distributions.__all__ if inspect.isclass(getattr(torch.distributions, n)))


def snake(name):
    trail = '_' if name.endswith('_') and not name.endswith('__') else ''
    core = name[:-1] if trail else name
    s = re.sub(r'(?<=[a-z0-9])([A-Z])', r'_\1', core)
    return s.lower() + trail


def camel(name):
    if '_' not in name.strip('_') or name.isupper():
        return name
    lead = re.match(r'^_*', name).group(0)
    trail = '_' if name.endswith('_') else ''
    core = name[len(lead):len(name) - len(trail)]
    parts = core.split('_')
    if parts[0][:1].isupper():  # Class_Names like ResNet18_Weights stay as Python spells them
        return name
    return lead + parts[0] + ''.join(p[:1].upper() + p[1:] for p in parts[1:]) + trail


def lookup(obj, seg):
    # atleast1d -> atleast_1d, gridSampler2d -> grid_sampler_2d: camelCase drops the _ before a digit
    for cand in (seg, snake(seg), seg.lower(), snake(seg).replace('_', ''), re.sub(r'(?<=[a-z])(\d)', r'_\1', snake(seg), 1)):
        try:
            v = inspect.getattr_static(obj, cand) if inspect.isclass(obj) else getattr(obj, cand)
        except AttributeError:
            continue
        if isinstance(v, (staticmethod, classmethod)):
            v = v.__func__
        return cand, v
    return None, None


ROOTS = {'torch': torch, 'torchvision': torchvision}


def resolve(path):
    """(python qualname, object, qualname of the class it is a member of or None) for a torch-node
    path, or None."""
    segs = path.split('.')
    obj, names = ROOTS[segs[0]], [segs[0]]
    owner = None
    for seg in segs[1:]:
        owner = '.'.join(names) if inspect.isclass(obj) else None
        if seg.startswith('_') and seg != '_inductor':
            return None
        name, obj = lookup(obj, seg)
        if name is None:
            return None
        names.append(name)
    return '.'.join(names), obj, owner


def docstring(obj):
    d = getattr(obj, '__doc__', None)
    if not isinstance(d, str) or not d.strip():
        return None
    # a class or module whose __doc__ is only its type's (int, dict, a plain object) documents nothing
    if not inspect.isclass(obj) and not inspect.ismodule(obj) and not callable(obj) \
            and not isinstance(obj, property) and type(obj).__doc__ == d:
        return None
    return inspect.cleandoc(d)


# ---- Python example lines -> TypeScript -------------------------------------------------------

NOT_CALLEES = set(keyword.kwlist) | {'print'}


def tokens(src):
    try:
        return [t for t in tokenize.generate_tokens(io.StringIO(src).readline)
                if t.type not in (tokenize.NEWLINE, tokenize.NL, tokenize.ENDMARKER, tokenize.INDENT,
                                  tokenize.DEDENT, tokenize.COMMENT)]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return None


def convert_tokens(toks, i, closer):
    """Convert tokens from i up to the matching closer; returns (list of top-level parts, i after)."""
    parts, cur = [], []
    while i < len(toks):
        t = toks[i]
        if t.string == closer:
            parts.append(cur)
            return parts, i + 1
        if t.string == ',':
            parts.append(cur)
            cur = []
            i += 1
            continue
        if t.string in ('(', '[', '{'):
            prev = cur[-1] if cur else None
            close = {'(': ')', '[': ']', '{': '}'}[t.string]
            inner, i = convert_tokens(toks, i + 1, close)
            inner_s = [join(p) for p in inner]
            if t.string == '(':
                is_call = prev is not None and (prev[-1:] in (')', ']') or re.match(r'.*[A-Za-z0-9_]$', prev)) \
                    and prev not in NOT_CALLEES
                if is_call:
                    cur.append(call(inner_s))
                elif len(inner) > 1:  # a tuple
                    cur.append('[' + ', '.join(s for s in inner_s if s) + ']')
                else:
                    cur.append('(' + inner_s[0] + ')')
            elif t.string == '[':
                cur.append('[' + ', '.join(inner_s) + ']')
            else:
                cur.append('{' + ', '.join(inner_s) + '}')
            continue
        if t.string in (')', ']', '}'):  # unbalanced: give up on this line
            raise ValueError
        cur.append(word(t))
        i += 1
    parts.append(cur)
    return parts, i


def word(t):
    s = t.string
    if t.type == tokenize.NAME:
        return {'True': 'true', 'False': 'false', 'None': 'null', 'and': '&&', 'or': '||', 'not': '!'}.get(s, camel(s))
    return s


def join(part):
    out = ''
    for w in part:
        if out and (re.match(r'[A-Za-z0-9_$"\'{\[]', w[:1]) and re.search(r'[A-Za-z0-9_$"\'\]})]$', out)
                    or w in ('=', '==', '!=', '+', '-', '*', '/', '**', '%', '<', '>', '<=', '>=', '@', '&&', '||',
                             '+=', '-=', '*=', '/=', '//', '|', '&', '^', ':')
                    or out[-1:] in ('=', '+', '*', '/', '%', '<', '>', '@', '&', '|', '^', ',', ':') and w != ':'):
            if not (w == ':' and out.endswith('[')):
                out += ' '
        out += w
    return out.replace(' . ', '.').replace(' .', '.').replace('. ', '.')


def call(args):
    pos, kw = [], []
    for a in args:
        if a == '':
            continue
        m = re.match(r'^([A-Za-z_][A-Za-z0-9_]*) = (?!=)(.*)$', a, re.S)
        if m:
            kw.append(f'{m.group(1)}: {m.group(2)}')
        else:
            pos.append(a)
    if kw:
        pos.append('{ ' + ', '.join(kw) + ' }')
    return '(' + ', '.join(pos) + ')'


def example_line(src, declared):
    if src.lstrip().startswith('#'):
        return '//' + src.lstrip()[1:]
    comment = ''
    m = re.search(r'\s+#\s?(.*)$', src)
    if m and src.count("'", 0, m.start()) % 2 == 0 and src.count('"', 0, m.start()) % 2 == 0:
        comment, src = ' // ' + m.group(1), src[:m.start()]
    return example_code(src, declared) + comment


def example_code(src, declared):
    toks = tokens(src)
    if not toks:
        return src
    try:
        parts, _ = convert_tokens(toks, 0, None)
    except (ValueError, IndexError):
        return src
    line = ', '.join(join(p) for p in parts)
    # a lookbehind, not a consumed character, so that a class called inside another's call is found too
    line = re.sub(r'(?<![.\w])((?:nn|torch\.nn|optim|torch\.optim|transforms|models)\.[A-Z]\w*\()', r'new \1', line)
    # torch.distributions' examples call their classes as D.Normal(...) or bare, Normal(...)
    line = re.sub(r'(?<![.\w])((?:D|torch\.distributions|distributions)\.[A-Z]\w*\()', r'new \1', line)
    line = re.sub(r'(?<![.\w])(' + DISTRIBUTION_CLASSES + r')\(', r'new \1(', line)
    line = re.sub(r'\bprint\(', 'console.log(', line)
    m = re.match(r'^([A-Za-z_]\w*) = (?!=)', line)
    if m:
        if m.group(1) not in declared:
            declared.add(m.group(1))
            line = 'let ' + line
    return line


# statements with no TS twin (decorators, blocks, imports): an example that has them stays Python
PYTHON_ONLY = re.compile(r'^(@|def |class |with |for |while |if |elif |else\s*:|try\s*:|except\b|finally\s*:|import |from \S+ import |'
                         r'return\b|yield\b|raise\b|assert\b|del |lambda\b|print\(f)|:\s*(#.*)?$')


def example(lines, base):
    """A `>>>` doctest block as a TS code block (output lines as comments), or as Python when it has
    statements TS has no twin for; a line starting with @ is escaped (JSDoc would read a tag)."""
    lines = [l for l in lines if 'doctest:' not in l]  # xdoctest directives are for PyTorch's CI
    code = [l.strip()[4:] for l in lines if l.strip().startswith(('>>>', '...'))]
    if any(PYTHON_ONLY.search(c.strip()) for c in code):
        body = [l[base:].rstrip() for l in lines]
        return ['```python'] + [('\\' + b) if b.startswith('@') else b for b in body] + ['```']
    block, declared, i = [], set(), 0
    while i < len(lines):
        l = lines[i].strip()
        if l.startswith('>>>') or l.startswith('...'):
            c = l[4:] if len(l) > 3 else ''
            # a statement continued on "..." lines is joined before conversion
            while i + 1 < len(lines) and lines[i + 1].strip().startswith('...'):
                i += 1
                c += ' ' + lines[i].strip()[4:]
            block.append(example_line(c, declared) if c.strip() else '')
        else:
            block.append('// ' + lines[i][base:].rstrip())
        i += 1
    return ['```ts'] + block + ['```']


# ---- reStructuredText -> Markdown -------------------------------------------------------------

def inline(text):
    def code(s):
        s = s.strip()
        if re.fullmatch(r'[\w.~]+', s):
            s = s.lstrip('~') if not s.startswith('~') else s.split('.')[-1]
            s = '.'.join(camel(p) for p in s.split('.'))
        return {'True': 'true', 'False': 'false', 'None': 'null'}.get(s, s)
    text = re.sub(r':(?:func|meth|class|attr|mod|obj|data|ref|doc|exc|py:\w+):`([^`<]*?)(?:\s*<([^>]*)>)?`',
                  lambda m: '`' + code(m.group(2) if m.group(2) and not m.group(1).strip() else (m.group(1) or m.group(2))) + '`', text)
    text = re.sub(r':math:`([^`]*)`', lambda m: '`' + m.group(1) + '`', text)
    text = re.sub(r'``([^`]+)``', lambda m: '`' + code(m.group(1)) + '`', text)
    text = re.sub(r'`([^`<]+) <(https?://[^>]+)>`_+', r'[\1](\2)', text)
    text = re.sub(r'`([^`]+)`_+', r'\1', text)
    return text


ARG = re.compile(r'^(\s*)(\*{0,2}[A-Za-z_]\w*)(\s*\([^)]*\))?\s*:\s*(.*)$')


def signature(sig):
    """A Python signature line as the TS call reads: camelCase names, keywords after `*` in { }."""
    name, _, rest = sig.partition('(')
    params = [p.strip() for p in re.split(r',(?![^\[(]*[\])])', rest[:-1]) if p.strip()]
    pos, kw, star = [], [], False
    for p in params:
        if p == '*':
            star = True
            continue
        p = re.sub(r'\b(True|False|None)\b', lambda m: {'True': 'true', 'False': 'false', 'None': 'null'}[m.group(1)], p)
        p = re.sub(r'^([A-Za-z_]\w*)', lambda m: camel(m.group(1)), p)
        (kw if star else pos).append(p)
    if kw:
        pos.append('{ ' + ', '.join(kw) + ' }')
    return '.'.join(camel(n) for n in name.split('.')) + '(' + ', '.join(pos) + ')'


SECTION = re.compile(r'^(Args|Arguments|Keyword args|Keyword arguments|Parameters|Returns|Return type|Shape|'
                     r'Attributes|Example|Examples|Raises|Note|Notes|Warning|Warnings|Variables|Inputs|Outputs|'
                     r'See also|Yields|Reference|References)\s*:+\s*$', re.I)


def convert(doc):
    lines = doc.split('\n')
    out, i = [], 0
    in_args = False
    prev_src_indent = 0
    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if s.startswith('>>>'):
            start, base = i, len(line) - len(line.lstrip())
            while i < len(lines) and lines[i].strip() and not lines[i].strip().startswith('.. '):
                i += 1
            out += example(lines[start:i], base)
            continue
        m = re.match(r'^\.\. (math|code-block|code)::\s*(\w*)', s)
        if m or (s.endswith('::') and not s.startswith('..') and i + 1 < len(lines)):
            lang = 'latex' if m and m.group(1) == 'math' else ('python' if m else '')
            if not m:
                head = s[:-2].rstrip()
                if head:
                    out.append(inline(head) + ':')
            base = len(line) - len(line.lstrip())
            i += 1
            block = []
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > base):
                block.append(lines[i])
                i += 1
            while block and not block[-1].strip():
                block.pop()
            while block and not block[0].strip():
                block.pop(0)
            if any(b.strip().startswith('>>>') for b in block):
                lines[i:i] = [b.strip() if b.strip() else '' for b in block]
                continue
            ind = min((len(b) - len(b.lstrip()) for b in block if b.strip()), default=0)
            out += ['```' + lang] + [b[ind:] for b in block] + ['```']
            continue
        m = re.match(r'^\.\. (note|warning|seealso|versionadded|versionchanged|deprecated|attention|tip|important)::\s*(.*)$', s)
        if m:
            label = {'seealso': 'See also', 'versionadded': 'Added in', 'versionchanged': 'Changed in'}.get(m.group(1), m.group(1).capitalize())
            out.append(f'**{label}:** {inline(m.group(2))}'.rstrip())
            i += 1
            continue
        if s.startswith('.. '):  # other directives (autosummary, _labels, testsetup): dropped with their body
            base = len(line) - len(line.lstrip())
            i += 1
            while i < len(lines) and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > base):
                i += 1
            continue
        sec = SECTION.match(s)
        if sec:
            in_args = sec.group(1).lower() in ('args', 'arguments', 'keyword args', 'keyword arguments', 'parameters', 'attributes', 'variables')
            out.append(f'**{sec.group(1)}:**')
            i += 1
            continue
        if in_args:
            m = ARG.match(line)
            if m and len(m.group(1)) <= 4:
                out.append(f'- `{camel(m.group(2).lstrip("*"))}`{inline(m.group(3) or "")}: {inline(m.group(4))}')
                i += 1
                continue
            if not s:
                # a blank line ends the entries unless another entry follows it
                nxt = next((l for l in lines[i + 1:] if l.strip()), '')
                m = ARG.match(nxt)
                in_args = bool(m and 0 < len(m.group(1)) <= 4)
                out.append('')
                i += 1
                continue
        sig = re.match(r'^(?:\.\. function:: )?([a-z_][\w.]*\(.*?\))\s*(->\s*.*)?$', s)
        if sig and (i == 0 or s.startswith('.. function::')):
            out.append('`' + signature(sig.group(1)) + (' → ' + sig.group(2)[2:].strip() if sig.group(2) else '') + '`')
            i += 1
            continue
        if s == ':noindex:':
            i += 1
            continue
        # prose: Markdown reads 4 indented spaces as code, so indentation goes, but for nested list items
        if re.match(r'^[-*+] |^\d+\. ', s):
            prev = next((o for o in reversed(out) if o.strip()), '')
            pm = re.match(r'^(\s*)([-*+] |\d+\. )', prev)
            ind = len(line) - len(line.lstrip())
            pind = len(pm.group(1)) if pm else -1
            depth = (pind + 2) if pm and ind > prev_src_indent else (pind if pm else 0)
            prev_src_indent = ind
            out.append(' ' * max(depth, 0) + inline(s))
        else:
            if s:
                prev_src_indent = len(line) - len(line.lstrip())
            out.append(inline(s))
        i += 1
    text = '\n'.join(out)
    # `@name` after a space or at a line's start is a JSDoc tag to the reader of the comment (a
    # decorator in an example would end the description there): escaped, as TSDoc escapes it
    text = re.sub(r'(^|\s)@(?=[A-Za-z_])', r'\1\\@', text, flags=re.M)
    return re.sub(r'\n{3,}', '\n\n', text).strip()


# modules whose functions have no page of their own on docs.pytorch.org: their module page's anchor
MODULE_PAGES = {'torch.utils.data.': 'data', 'torch.nn.init.': 'nn.init', 'torch.distributed.': 'distributed',
                'torch.hub.': 'hub', 'torch.special.': 'special'}


def see(title, link):
    # a Markdown link, not `@see {@link}`: tsc parses every doc comment that holds @see or @link
    # (JSDocParsingMode.ParseForTypeErrors) and skips the rest
    return f'PyTorch: [{title}]({link})'


def url(qual, owner_class=None):
    if owner_class and owner_class != 'torch.Tensor':
        return url(owner_class) + '#' + qual
    for prefix, page in MODULE_PAGES.items():
        if qual.startswith(prefix):
            return f'https://docs.pytorch.org/docs/stable/{page}.html#{qual}'
    if qual.startswith('torchvision.'):
        return f'https://docs.pytorch.org/vision/stable/generated/{qual}.html'
    if qual.count('.') == 0 or qual in ('torch.nn', 'torch.optim', 'torch.linalg', 'torch.fft', 'torch.autograd', 'torch.cuda', 'torch.jit', 'torch.hub', 'torch.distributed', 'torch.utils.data'):
        return f'https://docs.pytorch.org/docs/stable/{qual.split(".", 1)[-1]}.html'
    return f'https://docs.pytorch.org/docs/stable/generated/{qual}.html'


def aten_schema(name):
    schemas = [str(x) for x in torch._C._jit_get_schemas_for_operator('aten::' + name)]
    schemas = [x for x in schemas if '(a!)' not in x or name.endswith('_')]
    return schemas


def arg_entry(doc, name):
    """The text of one `name (type): text` entry of a docstring's Args section, continuation lines joined."""
    lines = doc.split('\n')
    for i, line in enumerate(lines):
        m = ARG.match(line)
        if m and m.group(2) == name:
            ind = len(m.group(1))
            text = [m.group(4).strip()]
            for nxt in lines[i + 1:]:
                if not nxt.strip() or len(nxt) - len(nxt.lstrip()) <= ind:
                    break
                text.append(nxt.strip())
            return inline(' '.join(text))
    return None


def document(path):
    """The converted docstring for a path, trying where else PyTorch documents the same function:
    a torch.* op that Python documents only as torch.nn.functional.* or torch.linalg.*, a Tensor method
    documented as torch.*, and last the ATen schema of an op PyTorch gives no docstring."""
    segs = path.split('.')
    tries = [path]
    if segs[:2] == ['torch', 'Tensor'] and len(segs) == 3:
        tries += ['torch.' + segs[2], 'torch.nn.functional.' + segs[2], 'torch.linalg.' + segs[2]]
    elif segs[0] == 'torch' and len(segs) == 2:
        tries += ['torch.nn.functional.' + segs[1], 'torch.linalg.' + segs[1], 'torch.Tensor.' + segs[1]]
    for t in tries:
        r = resolve(t)
        if not r:
            continue
        qual, obj, owner = r
        d = docstring(obj)
        if d:
            head = '' if t == path else f'As `{".".join(camel(x) for x in qual.split("."))}`:\n\n'
            return head + convert(d) + f'\n\n' + see(qual, url(qual, owner))
    # an attribute documented only as its class's constructor argument (DataLoader.batch_size)
    r = resolve('.'.join(segs[:-1]))
    if r and inspect.isclass(r[1]):
        entry = arg_entry(docstring(r[1]) or '', snake(segs[-1]))
        if entry:
            return f'{entry}\n\n' + see(r[0], url(r[0]))
    if segs[0] == 'torch' and (len(segs) == 2 or segs[1] == 'Tensor' and len(segs) == 3):
        digit = re.sub(r'(?<=[a-z])(\d)', r'_\1', snake(segs[-1]), 1)
        schemas = aten_schema(snake(segs[-1])) or aten_schema(segs[-1]) or aten_schema(digit)
        if schemas:
            op = next(n for n in (snake(segs[-1]), segs[-1], digit) if aten_schema(n))
            return ('The ATen operator `aten::' + op + '`, which PyTorch exposes without a docstring:\n\n```\n'
                    + '\n'.join(schemas) + '\n```\n\n' + see('native_functions.yaml', 'https://github.com/pytorch/pytorch/blob/main/aten/src/ATen/native/native_functions.yaml'))
        if segs[-1] in REMOVED:
            return REMOVED[segs[-1]]
    return None


# ops of libtorch 1.13 that PyTorch 2 removed, so 2.14 has neither docstring nor schema for them
REMOVED = {'symeig': 'Eigenvalues and eigenvectors of a real symmetric or complex Hermitian matrix (libtorch 1.13 only: '
                     'PyTorch 2 removed `torch.symeig`; `torch.linalg.eigh` replaces it).\n\n'
                     'PyTorch: [torch.linalg.eigh](https://docs.pytorch.org/docs/stable/generated/torch.linalg.eigh.html)'}


def main():
    docs = {}
    for path in (l.strip() for l in sys.stdin):
        if not path or path in docs:
            continue
        doc = document(path)
        if doc:
            docs[path] = doc
    # written to a file, not stdout: libtorch's UCX prints its boot-id complaint on stdout in a chroot
    with open(sys.argv[1], 'w') as f:
        json.dump(docs, f, indent=0, sort_keys=True, ensure_ascii=False)
        f.write('\n')
    print(f'{len(docs)} docstrings -> {sys.argv[1]}', file=sys.stderr)


if __name__ == '__main__':
    main()
