#!/usr/bin/python3
"""Check Myelin's safetensors export in PyTorch.

For each case folder under DIR (written by scripts/make-safetensors-check.ts): exec the generated
model.py (it builds the nn.Sequential and loads model.safetensors with strict=True), run the
recorded inputs through the model and compare with Myelin's recorded outputs (rtol 1e-4,
atol 1e-5). Exits 1 on any mismatch or error, 2 on bad usage.

    /usr/bin/python3 scripts/check-safetensors.py DIR
"""
import json
import os
import sys

import torch

RTOL = 1e-4
ATOL = 1e-5


def check_case(folder):
    """Max |torch - myelin| of one case; raises on a load error or a mismatch."""
    snippet = os.path.join(folder, "model.py")
    with open(snippet, encoding="utf-8") as f:
        source = f.read()
    namespace = {"__file__": snippet, "__name__": "myelin_snippet"}
    exec(compile(source, snippet, "exec"), namespace)  # builds and loads `model` (strict=True)
    model = namespace["model"]
    with open(os.path.join(folder, "check.json"), encoding="utf-8") as f:
        check = json.load(f)
    dtype = torch.float64 if check["dtype"] == "float64" else torch.float32
    x = torch.tensor(check["inputs"], dtype=dtype)
    expected = torch.tensor(check["outputs"], dtype=dtype)
    with torch.no_grad():
        y = model(x)
    if y.shape != expected.shape:
        raise AssertionError(f"output shape {tuple(y.shape)}, Myelin's {tuple(expected.shape)}")
    diff = (y - expected).abs().max().item() if y.numel() else 0.0
    if not torch.allclose(y, expected, rtol=RTOL, atol=ATOL):
        raise AssertionError(f"outputs differ from Myelin's: max |diff| {diff:.3g}")
    return diff


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1]
    cases = sorted(d for d in os.listdir(root) if os.path.isdir(os.path.join(root, d)))
    if not cases:
        print(f"check-safetensors: no cases in {root}", file=sys.stderr)
        return 1
    failed = 0
    for name in cases:
        try:
            diff = check_case(os.path.join(root, name))
            print(f"ok    {name:24s} max |diff| {diff:.3g}")
        except Exception as e:  # report every case, then fail
            failed += 1
            print(f"FAIL  {name:24s} {type(e).__name__}: {e}")
    print(f"{len(cases) - failed} of {len(cases)} models match Myelin in PyTorch {torch.__version__}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
