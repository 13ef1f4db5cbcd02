#!/usr/bin/env python3
"""Write test/fixtures/onnx/*.onnx and test/fixtures/onnx/expected.json: small nn.Sequential
models exported by torch.onnx.export (opset 17, a dynamic batch axis), their inputs and
PyTorch's outputs, plus two graphs built by hand with onnx.helper for the forms PyTorch 1.13
does not emit for these models (MatMul + Add; Gemm with alpha, beta and transB = 0).

Run: /usr/bin/python3 scripts/gen-onnx-fixtures.py   (PyTorch 1.13, onnx 1.12; Debian packages)
The test (src/io/onnx/pytorch-fixtures.test.ts) reads the files and never needs Python.
"""
import io
import json
import os

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

torch.manual_seed(0)
nn = torch.nn
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "fixtures", "onnx")
ROWS = 5


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def bn(features):
    """BatchNorm1d in eval mode with running statistics that are not the defaults."""
    layer = nn.BatchNorm1d(features, eps=1e-3)
    with torch.no_grad():
        layer.running_mean.copy_(torch.randn(features))
        layer.running_var.copy_(torch.rand(features) + 0.5)
        layer.weight.copy_(torch.randn(features))
        layer.bias.copy_(torch.randn(features))
    return layer


MODELS = {
    "mlp-relu": lambda: nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3)),
    "gelu-erf": lambda: nn.Sequential(nn.Linear(4, 6), nn.GELU(), nn.Linear(6, 2)),
    "activations": lambda: nn.Sequential(
        nn.Linear(3, 5), nn.Tanh(),
        nn.Linear(5, 5), nn.Sigmoid(),
        nn.Linear(5, 5), nn.LeakyReLU(0.2),
        nn.Linear(5, 5), nn.ELU(alpha=0.7),
        nn.Linear(5, 5), nn.SELU(),
        nn.Linear(5, 5), nn.Softplus(),
        nn.Linear(5, 5), nn.Softsign(),
        nn.Linear(5, 5), nn.Hardsigmoid(),
        nn.Linear(5, 4), nn.Softmax(dim=-1),
    ),
    "batchnorm": lambda: nn.Sequential(
        nn.Linear(4, 6), bn(6), nn.ReLU(), nn.Dropout(0.3), nn.Linear(6, 3), nn.LogSoftmax(dim=-1)
    ),
    "flatten-identity": lambda: nn.Sequential(
        nn.Flatten(), nn.Linear(4, 3), nn.Identity(), nn.Tanh(), nn.Linear(3, 1)
    ),
}


def export_torch(name, make):
    model = make().eval()
    x = torch.randn(ROWS, 4 if name != "activations" else 3)
    with torch.no_grad():
        y = model(x)
    buffer = io.BytesIO()
    torch.onnx.export(
        model, (x,), buffer, opset_version=17, input_names=["input"], output_names=["output"],
        dynamic_axes={"input": {0: "N"}, "output": {0: "N"}},
    )
    onnx.checker.check_model(onnx.load_from_string(buffer.getvalue()))
    with open(os.path.join(OUT, f"{name}.onnx"), "wb") as f:
        f.write(buffer.getvalue())
    return {"x": flat(x), "xShape": list(x.shape), "y": flat(y), "yShape": list(y.shape)}


def hand_model(name, nodes, initializers, d_in, d_out):
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["N", d_in])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["N", d_out])],
        [numpy_helper.from_array(a, n) for n, a in initializers.items()],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    with open(os.path.join(OUT, f"{name}.onnx"), "wb") as f:
        f.write(model.SerializeToString())


def hand_cases():
    """MatMul + Add (B stored [D, H]) and Gemm with alpha, beta, transB = 0; outputs by numpy."""
    rng = np.random.default_rng(0)
    x = rng.standard_normal((ROWS, 4)).astype(np.float32)
    b_mat = rng.standard_normal((4, 3)).astype(np.float32)
    bias = rng.standard_normal(3).astype(np.float32)
    cases = {}
    hand_model(
        "matmul-add",
        [helper.make_node("MatMul", ["input", "B"], ["h"], name="mm"),
         helper.make_node("Add", ["h", "bias"], ["a"], name="add"),
         helper.make_node("Relu", ["a"], ["output"], name="relu")],
        {"B": b_mat, "bias": bias}, 4, 3,
    )
    y = np.maximum(x.astype(np.float64) @ b_mat + bias, 0)
    cases["matmul-add"] = {"x": x.ravel().tolist(), "xShape": [ROWS, 4],
                           "y": y.ravel().tolist(), "yShape": [ROWS, 3]}
    hand_model(
        "gemm-alpha-beta",
        [helper.make_node("Gemm", ["input", "B", "bias"], ["output"], name="gemm",
                          alpha=0.5, beta=2.0, transB=0)],
        {"B": b_mat, "bias": bias}, 4, 3,
    )
    y = 0.5 * (x.astype(np.float64) @ b_mat) + 2.0 * bias
    cases["gemm-alpha-beta"] = {"x": x.ravel().tolist(), "xShape": [ROWS, 4],
                                "y": y.ravel().tolist(), "yShape": [ROWS, 3]}
    return cases


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {name: export_torch(name, make) for name, make in MODELS.items()}
    expected.update(hand_cases())
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump({"torch": torch.__version__, "onnx": onnx.__version__, "cases": expected}, f,
                  indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
