#!/usr/bin/python3
"""Golden fixtures for src/optim: optimizer trajectories and learning-rate schedules from PyTorch.

Writes test/reference/optim.json. Run: /usr/bin/python3 scripts/gen-reference-optim.py
All arithmetic in float64. The problem is fixed (no randomness):

    params: p0 (shape [2, 2]) and p1 (shape [3]), flattened into theta
    loss    L(theta) = sum_i 0.5 * a_i * (theta_i - c_i)^2 + 0.25 * theta_i^4
    grad    g_i = a_i * (theta_i - c_i) + theta_i^3

Each optimizer case runs 10 steps of zero_grad / backward / step and records theta after every
step. NAdam runs with foreach=True: PyTorch 1.13's single-tensor NAdam multiplies mu_t into the
next mu-product twice (fixed in PyTorch 2.0); its foreach path already has the correct formula.
"""
import json
import math
import os
import warnings

import torch

torch.set_default_dtype(torch.float64)
warnings.filterwarnings("ignore")

P0 = [[0.5, -1.5], [2.0, 0.25]]
P1 = [-0.75, 1.25, 3.0]
A = [1.0, 2.0, 0.5, 3.0, 1.5, 0.8, 2.5]
C = [0.3, -0.2, 1.0, -1.0, 0.5, 2.0, -0.4]
STEPS = 10


def loss_fn(p0, p1):
    theta = torch.cat([p0.reshape(-1), p1.reshape(-1)])
    a = torch.tensor(A)
    c = torch.tensor(C)
    return (0.5 * a * (theta - c) ** 2 + 0.25 * theta**4).sum()


OPTIMIZER_CASES = [
    ("sgd", torch.optim.SGD, {"lr": 0.05}, {}),
    ("sgd", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9}, {}),
    ("sgd", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9, "dampening": 0.1, "weightDecay": 0.01}, {}),
    ("sgd", torch.optim.SGD, {"lr": 0.05, "momentum": 0.9, "nesterov": True, "weightDecay": 0.01}, {}),
    ("sgd", torch.optim.SGD, {"lr": 0.002, "momentum": 0.5, "maximize": True}, {}),
    ("adam", torch.optim.Adam, {"lr": 0.05}, {}),
    ("adam", torch.optim.Adam, {"lr": 0.05, "betas": [0.8, 0.99], "weightDecay": 0.1, "amsgrad": True}, {}),
    ("adam", torch.optim.Adam, {"lr": 0.05, "eps": 1e-3, "maximize": True}, {}),
    ("adamw", torch.optim.AdamW, {"lr": 0.05}, {}),
    ("adamw", torch.optim.AdamW, {"lr": 0.05, "weightDecay": 0.1, "amsgrad": True}, {}),
    ("rmsprop", torch.optim.RMSprop, {"lr": 0.01}, {}),
    ("rmsprop", torch.optim.RMSprop, {"lr": 0.01, "alpha": 0.9, "momentum": 0.9, "centered": True, "weightDecay": 0.1}, {}),
    ("adagrad", torch.optim.Adagrad, {"lr": 0.1}, {}),
    ("adagrad", torch.optim.Adagrad, {"lr": 0.1, "lrDecay": 0.1, "initialAccumulatorValue": 0.5, "weightDecay": 0.1, "eps": 1e-6}, {}),
    ("adadelta", torch.optim.Adadelta, {}, {}),
    ("adadelta", torch.optim.Adadelta, {"lr": 0.5, "rho": 0.8, "eps": 1e-4, "weightDecay": 0.1}, {}),
    ("adamax", torch.optim.Adamax, {"lr": 0.05}, {}),
    ("adamax", torch.optim.Adamax, {"lr": 0.05, "betas": [0.8, 0.9], "eps": 1e-3, "weightDecay": 0.1}, {}),
    ("nadam", torch.optim.NAdam, {"lr": 0.05}, {"foreach": True}),
    ("nadam", torch.optim.NAdam, {"lr": 0.05, "betas": [0.8, 0.99], "momentumDecay": 0.1, "weightDecay": 0.1}, {"foreach": True}),
    ("radam", torch.optim.RAdam, {"lr": 0.05}, {}),
    ("radam", torch.optim.RAdam, {"lr": 0.05, "betas": [0.9, 0.9], "weightDecay": 0.1}, {}),
]

SNAKE = {
    "weightDecay": "weight_decay",
    "lrDecay": "lr_decay",
    "initialAccumulatorValue": "initial_accumulator_value",
    "momentumDecay": "momentum_decay",
}


def run_optimizer(cls, options, extra):
    p0 = torch.tensor(P0, requires_grad=True)
    p1 = torch.tensor(P1, requires_grad=True)
    kwargs = {SNAKE.get(k, k): (tuple(v) if isinstance(v, list) else v) for k, v in options.items()}
    opt = cls([p0, p1], **kwargs, **extra)
    trajectory = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss_fn(p0, p1).backward()
        opt.step()
        trajectory.append(p0.detach().reshape(-1).tolist() + p1.detach().reshape(-1).tolist())
    return trajectory


def dummy_optimizer(lr, cls=torch.optim.SGD, **kwargs):
    return cls([torch.zeros(1, requires_grad=True)], lr=lr, **kwargs)


def record(sched, opt, n, metrics=None):
    lrs = [opt.param_groups[0]["lr"]]
    for i in range(n):
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[i])
        lrs.append(opt.param_groups[0]["lr"])
    return lrs


def schedule_cases():
    L = torch.optim.lr_scheduler
    out = []

    def add(name, args, lr, make, n, metrics=None, cls=torch.optim.SGD, opt_kwargs=None, track=None):
        opt = dummy_optimizer(lr, cls, **(opt_kwargs or {}))
        sched = make(opt)
        tracked = []
        lrs = [opt.param_groups[0]["lr"]]
        if track:
            tracked.append(track(opt))
        for i in range(n):
            sched.step() if metrics is None else sched.step(metrics[i])
            lrs.append(opt.param_groups[0]["lr"])
            if track:
                tracked.append(track(opt))
        case = {"name": name, "args": args, "lr": lr, "steps": n, "lrs": lrs}
        if metrics is not None:
            case["metrics"] = metrics
        if track:
            case["momentum"] = tracked
        out.append(case)

    add("stepLR", {"stepSize": 3, "gamma": 0.5}, 0.1, lambda o: L.StepLR(o, 3, 0.5), 12)
    add("stepLR", {"stepSize": 2}, 1.0, lambda o: L.StepLR(o, 2), 7)
    add("multiStepLR", {"milestones": [2, 5, 5, 9], "gamma": 0.3}, 0.1, lambda o: L.MultiStepLR(o, [2, 5, 5, 9], 0.3), 12)
    add("exponentialLR", {"gamma": 0.9}, 0.1, lambda o: L.ExponentialLR(o, 0.9), 10)
    add("cosineAnnealingLR", {"tMax": 10, "etaMin": 0.001}, 0.1, lambda o: L.CosineAnnealingLR(o, 10, 0.001), 25)
    add("cosineAnnealingLR", {"tMax": 7}, 0.5, lambda o: L.CosineAnnealingLR(o, 7), 20)
    add("linearLR", {}, 0.1, lambda o: L.LinearLR(o), 8)
    add("linearLR", {"startFactor": 0.1, "endFactor": 0.8, "totalIters": 4}, 0.2,
        lambda o: L.LinearLR(o, start_factor=0.1, end_factor=0.8, total_iters=4), 7)
    # OneCycleLR is stepped total_steps - 1 times: the lr set by a total_steps-th call is never used
    # by an optimizer step, and PyTorch extrapolates it past the last phase (negative for "linear").
    add("oneCycleLR", {"maxLr": 0.1, "totalSteps": 20}, 0.01, lambda o: L.OneCycleLR(o, 0.1, total_steps=20), 19,
        opt_kwargs={"momentum": 0.9}, track=lambda o: o.param_groups[0]["momentum"])
    add("oneCycleLR", {"maxLr": 0.2, "totalSteps": 16, "pctStart": 0.25, "annealStrategy": "linear",
                       "threePhase": True, "divFactor": 10.0, "finalDivFactor": 100.0}, 0.01,
        lambda o: L.OneCycleLR(o, 0.2, total_steps=16, pct_start=0.25, anneal_strategy="linear",
                               three_phase=True, div_factor=10.0, final_div_factor=100.0), 15,
        cls=torch.optim.Adam, track=lambda o: o.param_groups[0]["betas"][0])
    metrics = [1.0, 0.9, 0.95, 0.94, 0.93, 0.9, 0.91, 0.92, 0.93, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1]
    add("reduceLROnPlateau", {"patience": 2}, 0.1, lambda o: L.ReduceLROnPlateau(o, patience=2), len(metrics), metrics)
    add("reduceLROnPlateau", {"patience": 1, "cooldown": 2, "factor": 0.5, "minLr": 0.02}, 0.1,
        lambda o: L.ReduceLROnPlateau(o, patience=1, cooldown=2, factor=0.5, min_lr=0.02), len(metrics), metrics)
    up = [0.1, 0.2, 0.2, 0.25, 0.3, 0.3, 0.3, 0.31, 0.3, 0.5, 0.5, 0.5]
    add("reduceLROnPlateau", {"mode": "max", "thresholdMode": "abs", "threshold": 0.02, "patience": 1}, 0.1,
        lambda o: L.ReduceLROnPlateau(o, mode="max", threshold_mode="abs", threshold=0.02, patience=1), len(up), up)
    return out


def main():
    fixture = {
        "generator": "scripts/gen-reference-optim.py",
        "torch": torch.__version__,
        "problem": {"p0": P0, "p1": P1, "a": A, "c": C,
                    "loss": "sum_i 0.5*a_i*(theta_i - c_i)^2 + 0.25*theta_i^4 over theta = [p0.flat, p1]"},
        "optimizers": [
            {"name": name, "options": options, "steps": STEPS, "trajectory": run_optimizer(cls, options, extra)}
            for name, cls, options, extra in OPTIMIZER_CASES
        ],
        "schedules": schedule_cases(),
    }
    for case in fixture["optimizers"]:
        assert all(math.isfinite(x) for row in case["trajectory"] for x in row), case
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "test", "reference", "optim.json")
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
