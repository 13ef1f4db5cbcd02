"""PyTorch peer for the Myelin benchmarks (run by bench/peers/pytorch.ts, one workload per process).

    /usr/bin/python3 bench/peers/pytorch.py WORKLOAD THREADS [--quick]

WORKLOAD is matmul, W1, W2 or W3 (the same definitions as bench/workloads/*.ts); THREADS sets
torch.set_num_threads (the caller also sets OMP_NUM_THREADS, OPENBLAS_NUM_THREADS and
OMP_WAIT_POLICY=PASSIVE before Python starts). Prints one JSON line: {"value": …, "unit": …}
(+ "accuracy" for W2). Timing as bench/timing.ts: warm-up, calibrate, median of 5 rounds.
Not here: anything Myelin does; the data generators are this file's own (same distributions).
"""

import gzip
import json
import resource
import sys
import time

import numpy as np
import torch

FASHION_DIR = "/usr/share/datasets/fashion-mnist"


def time_per_call(fn, budget_s, rounds=5, warmup=2):
    """Median seconds per call of fn over `rounds` rounds sharing `budget_s`."""
    for _ in range(warmup):
        fn()
    t0 = time.perf_counter()
    fn()
    single = max(time.perf_counter() - t0, 1e-6)
    per_round = max(1, int(budget_s / rounds / single))
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(per_round):
            fn()
        samples.append((time.perf_counter() - t0) / per_round)
    samples.sort()
    return samples[len(samples) // 2]


def matmul(quick):
    """C = A·B, float32, 1024², GFLOP/s = 2n³/t (the result is a CPU tensor: nothing to read back)."""
    n = 1024
    g = torch.Generator().manual_seed(1)
    a = torch.randn(n, n, generator=g)
    b = torch.randn(n, n, generator=g)
    s = time_per_call(lambda: torch.mm(a, b), 0.5 if quick else 3.0, 1 if quick else 5, 1)
    return {"value": 2 * n**3 / s / 1e9, "unit": "GFLOP/s"}


def w1(quick):
    """MLP 2-16-16-1, tanh hidden, sigmoid out, BCE, SGD lr 0.1, batch 16, XOR-quadrant data."""
    torch.manual_seed(7)
    count, batch = 256, 16
    x = torch.rand(count, 2) * 2 - 1
    y = (x[:, 0] * x[:, 1] > 0).float().unsqueeze(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(2, 16), torch.nn.Tanh(),
        torch.nn.Linear(16, 16), torch.nn.Tanh(),
        torch.nn.Linear(16, 1), torch.nn.Sigmoid(),
    )
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = torch.nn.BCELoss()
    batches = [(x[s:s + batch], y[s:s + batch]) for s in range(0, count, batch)]

    def epoch():
        for xb, yb in batches:
            opt.zero_grad(set_to_none=True)
            loss_fn(model(xb), yb).backward()
            opt.step()

    s = time_per_call(epoch, 0.6 if quick else 3.0)
    return {"value": count / s, "unit": "samples/s"}


def read_idx(name, images):
    with gzip.open(f"{FASHION_DIR}/{name}", "rb") as f:
        raw = f.read()
    if images:
        n = int.from_bytes(raw[4:8], "big")
        return torch.from_numpy(np.frombuffer(raw, np.uint8, offset=16).reshape(n, 784).astype(np.float32) / 255)
    return torch.from_numpy(np.frombuffer(raw, np.uint8, offset=8).astype(np.int64))


def w2(quick):
    """Fashion-MNIST MLP 784-256-128-10 ReLU, cross-entropy, Adam 1e-3, batch 128, 1 shuffled epoch."""
    x = read_idx("train-images-idx3-ubyte.gz", True)
    y = read_idx("train-labels-idx1-ubyte.gz", False)
    xt = read_idx("t10k-images-idx3-ubyte.gz", True)
    yt = read_idx("t10k-labels-idx1-ubyte.gz", False)
    if quick:
        x, y = x[:6000], y[:6000]
    torch.manual_seed(1)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10),
    )
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x.shape[0]
    t0 = time.perf_counter()
    order = torch.randperm(n)
    for s in range(0, n, 128):
        idx = order[s:s + 128]
        opt.zero_grad(set_to_none=True)
        loss_fn(model(x[idx]), y[idx]).backward()
        opt.step()
    seconds = time.perf_counter() - t0
    with torch.no_grad():
        accuracy = (model(xt).argmax(1) == yt).float().mean().item()
    return {"value": n / seconds, "unit": "samples/s", "accuracy": accuracy}


def w3(quick):
    """Inference of a 784-256-128-10 ReLU MLP, batch 1024, logits read back."""
    torch.manual_seed(11)
    x = torch.randn(1024, 784)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 10),
    )

    def predict():
        with torch.no_grad():
            model(x).numpy()

    s = time_per_call(predict, 0.6 if quick else 3.0)
    return {"value": 1024 / s, "unit": "samples/s"}


def main():
    workload, threads = sys.argv[1], int(sys.argv[2])
    quick = "--quick" in sys.argv[3:]
    torch.set_num_threads(threads)
    run = {"matmul": matmul, "W1": w1, "W2": w2, "W3": w3}[workload]
    result = run(quick)
    result["torch"] = torch.__version__
    result["threads"] = torch.get_num_threads()
    result["peakRssMiB"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
