"""Runs the plain-Python feature encoding of a generated module without its framework.

Usage: python3 python_encoding.py MODULE REQUEST.json
REQUEST: {"encode": [[name, raw], ...], "ratings": [...]}; prints
{"encoded": [encode_feature(name, raw) or {"error": message}, ...], "inputs": encoded_inputs(ratings)}.

The module is parsed (a syntax error fails here), then only its standard-library imports,
assignments and function definitions run: the tensorflow, keras or torch imports are left out,
so the encoding is shown to need none of them.
"""
import ast
import json
import sys

FRAMEWORKS = ('tensorflow', 'keras', 'torch', 'numpy')


def framework_import(node):
    if isinstance(node, ast.Import):
        return any(a.name.split('.')[0] in FRAMEWORKS for a in node.names)
    if isinstance(node, ast.ImportFrom):
        return (node.module or '').split('.')[0] in FRAMEWORKS
    return False


def plain_part(path):
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read(), path)
    kept = [
        node
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom, ast.Assign, ast.FunctionDef)) and not framework_import(node)
    ]
    return compile(ast.Module(body=kept, type_ignores=[]), path, 'exec')


def main(module, request_file):
    namespace = {}
    exec(plain_part(module), namespace)
    loaded = [m for m in FRAMEWORKS if m in sys.modules]
    if loaded:
        raise SystemExit(f'the encoding imported {loaded}')
    with open(request_file, encoding='utf-8') as f:
        request = json.load(f)
    encoded = []
    for name, raw in request.get('encode', []):
        try:
            encoded.append(namespace['encode_feature'](name, raw))
        except ValueError as e:
            encoded.append({'error': str(e)})
    inputs = namespace['encoded_inputs'](request['ratings']) if 'ratings' in request else None
    print(json.dumps({'encoded': encoded, 'inputs': inputs}))


if __name__ == '__main__':
    main(*sys.argv[1:])
