#!/usr/bin/env python3
"""Write test/reference/activations.json: PyTorch (float64) forward values and gradients of every
activation (PReLU also with learnt per-channel slopes), plus 40-digit mpmath values of erf, erfc
and exact GELU.

Run: /usr/bin/python3 scripts/gen-reference-activations.py   (PyTorch 1.13, mpmath)
The tests read the JSON and never need Python.
"""
import json
import os

import mpmath as mp
import torch
import torch.nn.functional as F

torch.manual_seed(0)
mp.mp.dps = 40
f64 = torch.float64

X = [-1000.0, -20.5, -20.0, -10.0, -6.0, -3.5, -3.0, -2.5, -1.5, -1.0, -0.75, -0.5, -0.1,
     -1e-3, -1e-8, 0.0, 1e-8, 1e-3, 0.1, 0.5, 0.75, 1.0, 1.5, 2.5, 3.0, 3.5, 5.0, 6.0, 7.0,
     10.0, 20.0, 20.5, 1000.0]

# name, params (Myelin's argument names), PyTorch function
CASES = [
    ("sigmoid", {}, torch.sigmoid),
    ("tanh", {}, torch.tanh),
    ("relu", {}, F.relu),
    ("leakyRelu", {}, F.leaky_relu),
    ("leakyRelu", {"negativeSlope": 0.2}, lambda x: F.leaky_relu(x, 0.2)),
    ("elu", {}, F.elu),
    ("elu", {"alpha": 0.5}, lambda x: F.elu(x, 0.5)),
    ("selu", {}, F.selu),
    ("gelu", {}, F.gelu),
    ("gelu", {"approximate": "tanh"}, lambda x: F.gelu(x, approximate="tanh")),
    ("softplus", {}, F.softplus),
    ("softplus", {"beta": 2, "threshold": 10}, lambda x: F.softplus(x, beta=2, threshold=10)),
    ("softsign", {}, F.softsign),
    ("silu", {}, F.silu),
    ("mish", {}, F.mish),
    ("hardSigmoid", {}, F.hardsigmoid),
    ("hardTanh", {}, F.hardtanh),
    ("hardTanh", {"minVal": -2.0, "maxVal": 3.0}, lambda x: F.hardtanh(x, -2.0, 3.0)),
    ("relu6", {}, F.relu6),
    ("linear", {}, lambda x: x * 1.0),
    ("hardSwish", {}, F.hardswish),
    ("celu", {}, F.celu),
    ("celu", {"alpha": 0.5}, lambda x: F.celu(x, 0.5)),
    ("celu", {"alpha": 2.0}, lambda x: F.celu(x, 2.0)),
    ("prelu", {}, lambda x: F.prelu(x, torch.tensor([0.25], dtype=f64))),
    ("prelu", {"weight": -0.3}, lambda x: F.prelu(x, torch.tensor([-0.3], dtype=f64))),
]


def elementwise_case(name, params, fn):
    x = torch.tensor(X, dtype=f64, requires_grad=True)
    y = fn(x)
    (g,) = torch.autograd.grad(y.sum(), x)
    return {"name": name, "params": params, "x": X, "y": y.tolist(), "grad": g.tolist()}


def step_case():
    x = torch.tensor(X, dtype=f64)
    y = torch.heaviside(x, torch.tensor(1.0, dtype=f64))  # H(0) = 1
    return {"name": "step", "params": {}, "x": X, "y": y.tolist(), "grad": None}


def softmax_cases():
    out = []
    a = torch.randn(3, 4, dtype=f64) * 3
    b = torch.randn(2, 3, 4, dtype=f64) * 2
    big = torch.tensor([[1000.0, -1000.0, 0.0, 999.0], [-20.5, 20.5, 0.0, 1e-8]], dtype=f64)
    for x0, axes in [(a, [-1, 0]), (b, [0, 1, 2, -1]), (big, [-1, 0])]:
        for axis in axes:
            for name, fn in [("softmax", F.softmax), ("logSoftmax", F.log_softmax)]:
                x = x0.clone().requires_grad_(True)
                y = fn(x, dim=axis)
                r = torch.rand(y.shape, dtype=f64) + 0.5
                (g,) = torch.autograd.grad((y * r).sum(), x)
                out.append({"name": name, "axis": axis, "shape": list(x.shape),
                            "x": x0.flatten().tolist(), "r": r.flatten().tolist(),
                            "y": y.flatten().tolist(), "grad": g.flatten().tolist()})
    return out


def erf_table():
    xs = [i / 64 for i in range(-6 * 64, 6 * 64 + 1, 5)]
    xs += [1e-300, 1e-10, 1e-5, 0.5, 1.0, 1.4999999, 1.5, 2.0, 3.0, 4.0, 5.0, 5.9, 6.0, 6.1, 8.0,
           10.0, 15.0, 20.0, 25.0, 26.0, -26.0, -10.0, 26.5]
    return [{"x": x, "erf": float(mp.erf(x)), "erfc": float(mp.erfc(x))} for x in xs]


def gelu_exact():
    rows = []
    for x in X:
        xm = mp.mpf(x)
        cdf = mp.erfc(-xm / mp.sqrt(2)) / 2
        pdf = mp.exp(-xm * xm / 2) / mp.sqrt(2 * mp.pi)
        rows.append({"x": x, "y": float(xm * cdf), "grad": float(cdf + xm * pdf)})
    return rows


def extrema():
    """Minimum values of the non-monotonic activations (the lower end of their range)."""
    phi = lambda x: mp.erfc(-x / mp.sqrt(2)) / 2  # noqa: E731
    sig = lambda x: 1 / (1 + mp.exp(-x))  # noqa: E731
    fs = {
        "gelu": lambda x: x * phi(x),
        "silu": lambda x: x * sig(x),
        "mish": lambda x: x * mp.tanh(mp.log1p(mp.exp(x))),
    }
    out = {}
    for name, f in fs.items():
        xmin = mp.findroot(lambda x: mp.diff(f, x), -1.0)
        out[name] = {"argmin": float(xmin), "min": float(f(xmin))}
    return out


def prelu_cases():
    """PReLU with a learnt slope tensor: one slope, or one per channel (axis 1), with ∂/∂weight."""
    out = []
    for shape, n_params in [((5,), 1), ((4, 3), 1), ((4, 3), 3), ((2, 3, 4), 3), ((2, 4, 2, 2), 4)]:
        x = (torch.randn(*shape, dtype=f64) * 2).requires_grad_(True)
        w = (torch.rand(n_params, dtype=f64) * 0.8 - 0.2).requires_grad_(True)
        y = F.prelu(x, w)
        r = torch.rand(y.shape, dtype=f64) + 0.5
        gx, gw = torch.autograd.grad((y * r).sum(), [x, w])
        out.append({"shape": list(shape), "weight": w.tolist(), "x": x.flatten().tolist(),
                    "r": r.flatten().tolist(), "y": y.flatten().tolist(),
                    "dx": gx.flatten().tolist(), "dWeight": gw.tolist()})
    return out


data = {
    "generator": "scripts/gen-reference-activations.py",
    "torch": torch.__version__,
    "elementwise": [elementwise_case(*c) for c in CASES] + [step_case()],
    "softmax": softmax_cases(),
    "erf": erf_table(),
    "geluExact": gelu_exact(),
    "extrema": extrema(),
    "prelu": prelu_cases(),  # last: the random draws of the sections above stay as they were
}
path = os.path.join(os.path.dirname(__file__), "..", "test", "reference", "activations.json")
with open(path, "w") as fh:
    json.dump(data, fh, allow_nan=False)
    fh.write("\n")
print("wrote", os.path.normpath(path))
