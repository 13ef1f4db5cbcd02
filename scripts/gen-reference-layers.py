#!/usr/bin/env python3
"""Write test/reference/layers.json: PyTorch (float64) forward values, gradients and running
statistics of nn.Linear and nn.BatchNorm1d on fixed inputs, and torch.nn.init.calculate_gain.

Run: /usr/bin/python3 scripts/gen-reference-layers.py   (PyTorch 1.13)
The tests (src/nn/layers-reference.test.ts) read the JSON and never need Python.
"""
import json
import os

import torch

torch.manual_seed(0)
f64 = torch.float64


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def leaf(shape):
    return torch.randn(*shape, dtype=f64, requires_grad=True)


def linear_case(bias):
    lin = torch.nn.Linear(3, 2, bias=bias).to(f64)
    x = leaf((4, 3))
    dy = torch.randn(4, 2, dtype=f64)
    y = lin(x)
    y.backward(dy)
    case = {
        "bias": bias,
        "x": flat(x), "xShape": [4, 3],
        "weight": flat(lin.weight), "dY": flat(dy),
        "y": flat(y), "dx": flat(x.grad), "dWeight": flat(lin.weight.grad),
    }
    if bias:
        case["biasValues"] = flat(lin.bias)
        case["dBias"] = flat(lin.bias.grad)
    return case


def batch_norm_case(shape, momentum):
    c = shape[1]
    bn = torch.nn.BatchNorm1d(c, momentum=momentum).to(f64)
    with torch.no_grad():
        bn.weight.copy_(torch.randn(c, dtype=f64))
        bn.bias.copy_(torch.randn(c, dtype=f64))
    x1 = leaf(shape)
    dy = torch.randn(*shape, dtype=f64)
    y1 = bn(x1)
    y1.backward(dy)
    case = {
        "shape": list(shape), "momentum": momentum,
        "weight": flat(bn.weight), "bias": flat(bn.bias),
        "x1": flat(x1), "dY": flat(dy),
        "y1": flat(y1), "dx": flat(x1.grad),
        "dWeight": flat(bn.weight.grad), "dBias": flat(bn.bias.grad),
        "runningMean1": flat(bn.running_mean), "runningVar1": flat(bn.running_var),
    }
    x2 = torch.randn(*shape, dtype=f64) * 2 + 1
    bn(x2)
    case["x2"] = flat(x2)
    case["runningMean2"] = flat(bn.running_mean)
    case["runningVar2"] = flat(bn.running_var)
    bn.eval()
    x3 = leaf(shape)
    y3 = bn(x3)
    y3.backward(dy)
    case["x3"] = flat(x3)
    case["yEval"] = flat(y3)
    case["dxEval"] = flat(x3.grad)
    return case


GAINS = [
    ("linear", None), ("sigmoid", None), ("tanh", None), ("relu", None),
    ("leaky_relu", None), ("leaky_relu", 0.2), ("selu", None),
]

out = {
    "generator": "scripts/gen-reference-layers.py",
    "torch": torch.__version__,
    "linear": [linear_case(True), linear_case(False)],
    "batchNorm1d": [batch_norm_case((5, 3), 0.1), batch_norm_case((2, 3, 4), 0.1),
                    batch_norm_case((6, 2), None)],
    "gains": [{"nonlinearity": n, "param": p, "gain": torch.nn.init.calculate_gain(n, p)}
              for n, p in GAINS],
}

path = os.path.join(os.path.dirname(__file__), "..", "test", "reference", "layers.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
print("wrote", os.path.normpath(path))
