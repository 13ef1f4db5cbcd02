#!/usr/bin/python3
"""Write safetensors files from PyTorch, for Myelin's import tests (test/fixtures/safetensors/).

torch 1.13 cannot write safetensors and the `safetensors` package is not on Debian, so the file
is written here by hand, following the format: u64 little-endian header length, a JSON header
{name: {dtype, shape, data_offsets}, "__metadata__": {...}} padded with spaces, then the raw
little-endian bytes of each tensor. Each file comes with NAME.json: the inputs and PyTorch's
outputs (eval mode).

    /usr/bin/python3 scripts/gen-safetensors-fixtures.py
"""
import json
import os
import struct

import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "test", "fixtures", "safetensors")
DTYPE_NAMES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16", torch.int64: "I64"}


def safetensors_bytes(state, metadata):
    """The file for a state_dict: tensors in name order, header padded to a multiple of 8."""
    header = {"__metadata__": metadata}
    chunks = []
    offset = 0
    for name in sorted(state):
        t = state[name].detach().contiguous()
        # a bytes copy of the tensor's memory: little-endian on the machines torch runs on here
        raw = t.reshape(-1).view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((-(8 + len(text))) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def write(name, model, x, dtype_note):
    model.eval()
    with torch.no_grad():
        y = model(x)
    with open(os.path.join(OUT, name + ".safetensors"), "wb") as f:
        f.write(safetensors_bytes(model.state_dict(), {"format": "pt"}))
    record = {
        "torch": torch.__version__,
        "model": repr(model),
        "weights": dtype_note,
        "inputs": x.double().tolist(),
        "outputs": y.double().tolist(),
    }
    with open(os.path.join(OUT, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(record, f, indent=1)
        f.write("\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    # an MLP with batch norm (running statistics from a few training batches) and activations
    mlp = nn.Sequential(
        nn.Linear(3, 5),
        nn.BatchNorm1d(5, eps=1e-3, momentum=0.3),
        nn.GELU(approximate="tanh"),
        nn.Linear(5, 4),
        nn.LeakyReLU(0.1),
        nn.Dropout(0.2),
        nn.Linear(4, 2),
        nn.LogSoftmax(dim=-1),
    )
    mlp.train()
    with torch.no_grad():
        for _ in range(4):
            mlp(torch.randn(16, 3) * 2 + 0.5)
        mlp[1].weight.uniform_(0.5, 1.5)
        mlp[1].bias.uniform_(-0.5, 0.5)
    write("torch-mlp", mlp, torch.randn(6, 3) * 2, "F32, num_batches_tracked I64")

    # a plain Linear stack in float64: Myelin infers the layers from the names and shapes
    stack = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 4), nn.Linear(4, 2)).double()
    write("torch-linear-f64", stack, torch.randn(5, 3, dtype=torch.float64), "F64")

    # half-precision weights; PyTorch's outputs from the same weights widened to float32
    half = nn.Sequential(nn.Linear(3, 4), nn.Linear(4, 2)).half()
    x = torch.randn(5, 3)
    with open(os.path.join(OUT, "torch-linear-f16.safetensors"), "wb") as f:
        f.write(safetensors_bytes(half.state_dict(), {"format": "pt"}))
    widened = half.float().eval()
    with torch.no_grad():
        y = widened(x)
    with open(os.path.join(OUT, "torch-linear-f16.json"), "w", encoding="utf-8") as f:
        json.dump({"torch": torch.__version__, "model": repr(widened), "weights": "F16",
                   "inputs": x.double().tolist(), "outputs": y.double().tolist()}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
