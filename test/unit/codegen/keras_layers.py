"""Reads generated Keras modules without TensorFlow: lists the layers build_model() creates.

Usage: python3 keras_layers.py FILE...   prints {FILE: {"layers": [...], "model": {...}}} as JSON.

Each layer: its class, its arguments (positional ones named as Keras names them, parameter names
resolved to build_model()'s defaults) and the names of the layers whose outputs it is applied to.
"""
import ast
import json
import sys

# Keras's names for the positional arguments the generator writes.
POSITIONAL = {
    'Embedding': ['input_dim', 'output_dim'],
    'Dense': ['units'],
    'Dropout': ['rate'],
    'Rescaling': ['scale', 'offset'],
    'Activation': ['activation'],
    'Dot': ['axes'],
    'Input': ['shape'],
}


class BuildModelReader:
    def __init__(self, function):
        self.layers = []
        self.model = None
        defaults = function.args.defaults
        names = [a.arg for a in function.args.args][len(function.args.args) - len(defaults):]
        self.params = {name: ast.literal_eval(value) for name, value in zip(names, defaults)}
        self.variables = {}
        for statement in function.body:
            self.statement(statement)

    def value(self, node):
        """A literal, or a parameter resolved to its default."""
        if isinstance(node, ast.Name) and node.id in self.params:
            return self.params[node.id]
        if isinstance(node, ast.Call) and ast.unparse(node.func) == 'regularizers.l2':
            return {'l2': ast.literal_eval(node.args[0])}
        try:
            return ast.literal_eval(node)
        except ValueError:
            return ast.unparse(node)

    def arguments(self, call, cls):
        args = {name: self.value(a) for name, a in zip(POSITIONAL.get(cls, []), call.args)}
        args.update({k.arg: self.value(k.value) for k in call.keywords})
        return args

    def tensor(self, node):
        """The layer name(s) a tensor expression comes from, recording every layer it applies."""
        if isinstance(node, ast.Name):
            return self.variables[node.id]
        if isinstance(node, ast.List):
            return [self.tensor(e) for e in node.elts]
        if isinstance(node, ast.Call) and ast.unparse(node.func) == 'keras.Input':
            args = self.arguments(node, 'Input')
            self.layers.append({'class': 'InputLayer', 'args': args, 'inbound': []})
            return args['name']
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Call):
            constructor = node.func
            cls = ast.unparse(constructor.func).split('.')[-1]
            inbound = self.tensor(node.args[0])
            args = self.arguments(constructor, cls)
            self.layers.append({'class': cls, 'args': args, 'inbound': inbound if isinstance(inbound, list) else [inbound]})
            return args['name']
        raise ValueError(f'unexpected expression at line {node.lineno}: {ast.unparse(node)}')

    def statement(self, node):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            self.variables[node.targets[0].id] = self.tensor(node.value)
        elif isinstance(node, ast.Return) and isinstance(node.value, ast.Call):
            keywords = {k.arg: k.value for k in node.value.keywords}
            self.model = {
                'class': ast.unparse(node.value.func),
                'inputs': {ast.literal_eval(k): self.tensor(v) for k, v in zip(keywords['inputs'].keys, keywords['inputs'].values)},
                'outputs': self.tensor(keywords['outputs']),
                'name': ast.literal_eval(keywords['name']),
            }
        elif not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):  # docstrings aside
            raise ValueError(f'unexpected statement at line {node.lineno}: {ast.unparse(node)}')


def read(path):
    with open(path, encoding='utf-8') as f:
        tree = ast.parse(f.read(), path)
    functions = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == 'build_model']
    if len(functions) != 1:
        raise ValueError(f'{path}: expected one build_model(), found {len(functions)}')
    reader = BuildModelReader(functions[0])
    return {'params': reader.params, 'layers': reader.layers, 'model': reader.model}


if __name__ == '__main__':
    json.dump({path: read(path) for path in sys.argv[1:]}, sys.stdout)
