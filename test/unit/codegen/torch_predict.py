"""Loads generated PyTorch modules with the weights exported beside them and prints what they predict.

Reads a JSON list of jobs ({module, weights, inputs: [{shape, dtype, values}]}) from the file named
on the command line; writes a JSON list of {raw, clipped, params} to stdout (pytorch.test.ts).
"""
import importlib.util
import json
import sys

import torch


def run(k, job):
    spec = importlib.util.spec_from_file_location(f'generated_{k}', job['module'])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load_weights(job['weights'])
    model.eval()
    args = [
        torch.tensor(x['values'], dtype=torch.long if x['dtype'] == 'int32' else torch.float32).reshape(x['shape'])
        for x in job['inputs']
    ]
    with torch.no_grad():
        raw = model(*args)
    return {
        'raw': raw.tolist(),
        'clipped': model.predict(*args).tolist(),
        'params': sum(p.numel() for p in model.parameters()),
    }


if __name__ == '__main__':
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    json.dump([run(k, job) for k, job in enumerate(jobs)], sys.stdout)
