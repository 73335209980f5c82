"""Python call source as the TypeScript a port writes (`nn.Conv2d(3, 4, padding=1)` becomes
`new nn.Conv2d(3, 4, { padding: 1 })`), so one table of calls serves the fixture and the test."""
import ast
import re


def camel(s):
    return re.sub(r'(?<=[A-Za-z0-9])_([a-z0-9])', lambda m: m.group(1).upper(), s)


BINARY = {ast.Add: 'add', ast.Sub: 'sub', ast.Mult: 'mul', ast.Div: 'div', ast.MatMult: 'matmul', ast.Pow: 'pow',
          ast.Mod: 'remainder', ast.FloorDiv: 'floorDivide'}
COMPARE = {ast.Gt: 'gt', ast.Lt: 'lt', ast.GtE: 'ge', ast.LtE: 'le', ast.Eq: 'eq', ast.NotEq: 'ne'}


def slice_text(sl):
    text = ':'.join('' if p is None else ts(p) for p in (sl.lower, sl.upper)) + ('' if sl.step is None else ':' + ts(sl.step))
    return f"'{text}'"


def ts(node):
    if isinstance(node, ast.Constant):
        v = node.value
        if v is None:
            return 'null'
        if v is True:
            return 'true'
        if v is False:
            return 'false'
        if isinstance(v, str):
            return repr(v)
        if isinstance(v, float) and v == float('inf'):
            return 'Infinity'
        return repr(v)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return '-' + ts(node.operand) if isinstance(node.operand, ast.Constant) else ts(node.operand) + '.neg()'
    if isinstance(node, ast.BinOp) and type(node.op) in BINARY and not isinstance(node.left, ast.Constant):
        # a + b -> a.add(b): Python's operators on a tensor are its methods
        return f'{ts(node.left)}.{BINARY[type(node.op)]}({ts(node.right)})'
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in COMPARE:
        return f'{ts(node.left)}.{COMPARE[type(node.ops[0])]}({ts(node.comparators[0])})'
    if isinstance(node, (ast.Tuple, ast.List)):
        return '[' + ', '.join(ts(e) for e in node.elts) + ']'
    if isinstance(node, ast.Dict):
        return '{ ' + ', '.join(f'{ts(k)}: {ts(v)}' for k, v in zip(node.keys, node.values)) + ' }'
    if isinstance(node, ast.Attribute):
        return ts(node.value) + '.' + camel(node.attr)
    if isinstance(node, ast.Name):
        return {'F': 'F', 'nn': 'nn', 'torch': 'torch'}.get(node.id, node.id)
    if isinstance(node, ast.Lambda):
        return '(' + ', '.join(a.arg for a in node.args.args) + ') => ' + ts(node.body)
    if isinstance(node, ast.Subscript):
        # x[0] -> x.index(0); x[3:12, :] -> x.index('3:12', ':') (a slice's text, which Tensor.index reads)
        sl = node.slice
        parts = sl.elts if isinstance(sl, ast.Tuple) else [sl]  # x[0, 1]: one argument per subscript
        return f"{ts(node.value)}.index({', '.join(slice_text(p) if isinstance(p, ast.Slice) else ts(p) for p in parts)})"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == 'float' and len(node.args) == 1:
        # float('inf'), float('-inf'), float('nan'): JS's own constants
        return {'inf': 'Infinity', '-inf': '-Infinity', 'nan': 'NaN'}[node.args[0].value]
    if isinstance(node, ast.Call):
        fn = ts(node.func)
        args = [ts(a) for a in node.args]
        if node.keywords:
            args.append('{ ' + ', '.join(f'{camel(k.arg)}: {ts(k.value)}' for k in node.keywords) + ' }')
        is_class = isinstance(node.func, ast.Attribute) and node.func.attr[:1].isupper() and fn.split('.')[0] in ('nn', 'optim')
        return ('new ' if is_class else '') + f'{fn}({", ".join(args)})'
    raise ValueError(f'no TypeScript for {ast.dump(node)}')


def to_ts(src):
    return ts(ast.parse(src, mode='eval').body)
