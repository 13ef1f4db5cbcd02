#!/usr/bin/python3
"""Write test/reference/losses.json: PyTorch's values and gradients for every Myelin loss.

Run with the system Python that has torch (float64, fixed seed):
    /usr/bin/python3 scripts/gen-reference-losses.py
Each case records its inputs (flat data + shape), the options in Myelin's camelCase names, the
loss under every reduction and the gradient of the "mean" loss w.r.t. each differentiable input.
NaN and ±Infinity are written as the strings "NaN", "Infinity", "-Infinity" (JSON has no such
numbers). margin and l1HingeEmbedding have no PyTorch twin; their tests compute values by hand.
Cases are appended at the end of the script, so existing cases keep their random draws.
"""
import json
import math
import os
import warnings

import torch
import torch.nn.functional as F

torch.manual_seed(1234)
warnings.filterwarnings("ignore", message="reduction: 'mean' divides")
DT = torch.float64
OUT = os.path.join(os.path.dirname(__file__), "..", "test", "reference", "losses.json")


def num(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def enc(t):
    t = t.detach().to(DT)
    return {"shape": list(t.shape), "data": [num(v) for v in t.reshape(-1).tolist()]}


def randn(*shape):
    return torch.randn(*shape, dtype=DT)


def uniform(lo, hi, *shape):
    return lo + (hi - lo) * torch.rand(*shape, dtype=DT)


def signs(*shape):
    return torch.randint(0, 2, shape).to(DT) * 2 - 1


def labels(n_classes, *shape):
    return torch.randint(0, n_classes, shape)


# camelCase option → (torch keyword, converter)
KW = {
    "beta": "beta",
    "delta": "delta",
    "weight": "weight",
    "ignoreIndex": "ignore_index",
    "labelSmoothing": "label_smoothing",
    "posWeight": "pos_weight",
    "p": "p",
    "margin": "margin",
    "eps": "eps",
    "swap": "swap",
    "logTarget": "log_target",
    "logInput": "log_input",
    "full": "full",
}

TORCH = {
    "mse": F.mse_loss,
    "l1": F.l1_loss,
    "smoothL1": F.smooth_l1_loss,
    "huber": F.huber_loss,
    "crossEntropy": F.cross_entropy,
    "nll": F.nll_loss,
    "bce": F.binary_cross_entropy,
    "bceWithLogits": F.binary_cross_entropy_with_logits,
    "multiMargin": F.multi_margin_loss,
    "multilabelMargin": F.multilabel_margin_loss,
    "softMargin": F.soft_margin_loss,
    "hingeEmbedding": F.hinge_embedding_loss,
    "cosineEmbedding": F.cosine_embedding_loss,
    "marginRanking": F.margin_ranking_loss,
    "tripletMargin": F.triplet_margin_loss,
    "klDiv": F.kl_div,
    "poissonNll": F.poisson_nll_loss,
    "gaussianNll": F.gaussian_nll_loss,
    "multilabelSoftMargin": F.multilabel_soft_margin_loss,
}

cases = []


def case(name, loss, args, grad_args, options=None, reductions=("mean", "sum", "none")):
    """args: tensors in Myelin's call order; grad_args: indices of the differentiable ones."""
    options = options or {}
    kwargs = {}
    for key, value in options.items():
        if isinstance(value, list):
            value = torch.tensor(value, dtype=DT)
        kwargs[KW[key]] = value
    expected = {}
    grads = None
    for red in reductions:
        # class-index targets stay int64 for torch; Myelin reads them as float tensors
        leaves = [a.clone().requires_grad_(i in grad_args) for i, a in enumerate(args)]
        out = TORCH[loss](*leaves, reduction=red, **kwargs)
        expected[red] = num(out.item()) if out.dim() == 0 else enc(out)
        if red == "mean":
            out.backward()
            grads = [enc(leaves[i].grad) for i in grad_args]
    cases.append(
        {
            "name": name,
            "loss": loss,
            "args": [enc(a) for a in args],
            "gradArgs": list(grad_args),
            "options": options,
            "expected": expected,
            "gradMean": grads,
        }
    )


# ---- regression ------------------------------------------------------------------------------
for loss, variants in [
    ("mse", [{}]),
    ("l1", [{}]),
    ("smoothL1", [{}, {"beta": 0.5}, {"beta": 0.0}, {"beta": 2.5}]),
    ("huber", [{}, {"delta": 0.7}, {"delta": 2.0}]),
]:
    for opts in variants:
        x, y = randn(4, 3) * 1.5, randn(4, 3)
        case(f"{loss} {json.dumps(opts)}", loss, [x, y], [0], opts)
case("mse rank-1", "mse", [randn(5), randn(5)], [0])

# ---- cross-entropy / nll ---------------------------------------------------------------------
N, C = 6, 4
w = uniform(0.2, 2.0, C).tolist()
ce_variants = [
    ("plain", labels(C, N), {}),
    ("weight", labels(C, N), {"weight": w}),
    ("ignoreIndex -100", torch.tensor([0, -100, 3, 1, -100, 2]), {}),
    ("ignoreIndex -100 + weight", torch.tensor([0, -100, 3, 1, -100, 2]), {"weight": w}),
    ("ignoreIndex 2", torch.tensor([2, 0, 3, 2, 1, 1]), {"ignoreIndex": 2}),
    ("labelSmoothing", labels(C, N), {"labelSmoothing": 0.1}),
    (
        "labelSmoothing + weight + ignore",
        torch.tensor([1, 3, -100, 0, 2, 2]),
        {"labelSmoothing": 0.25, "weight": w},
    ),
]
for name, t, opts in ce_variants:
    case(f"crossEntropy {name}", "crossEntropy", [randn(N, C) * 2, t], [0], opts)
    if "labelSmoothing" not in opts:
        logp = torch.log_softmax(randn(N, C), dim=1)
        case(f"nll {name}", "nll", [logp, t], [0], opts)
case("crossEntropy [C] input", "crossEntropy", [randn(5), torch.tensor(3)], [0])
case("nll [C] input", "nll", [torch.log_softmax(randn(5), 0), torch.tensor(1)], [0], {"weight": uniform(0.5, 2, 5).tolist()})
case("crossEntropy [N, C, d]", "crossEntropy", [randn(3, C, 2), labels(C, 3, 2)], [0], {"weight": w})
case(
    "crossEntropy [N, C, d1, d2] + smoothing",
    "crossEntropy",
    [randn(2, 3, 2, 2), labels(3, 2, 2, 2)],
    [0],
    {"labelSmoothing": 0.2},
)
probs = torch.softmax(randn(N, C) * 2, dim=1)
case("crossEntropy probabilities", "crossEntropy", [randn(N, C), probs], [0])
case(
    "crossEntropy probabilities + weight + smoothing",
    "crossEntropy",
    [randn(N, C), probs],
    [0],
    {"weight": w, "labelSmoothing": 0.15},
)
case("crossEntropy [C] probabilities", "crossEntropy", [randn(C), probs[0]], [0])
case(
    "crossEntropy all ignored (mean is NaN)",
    "crossEntropy",
    [randn(3, C), torch.tensor([-100, -100, -100])],
    [0],
)

# ---- binary ----------------------------------------------------------------------------------
p = uniform(0.05, 0.95, 4, 3)
case("bce soft targets", "bce", [p, uniform(0, 1, 4, 3)], [0])
case("bce 0/1 targets + weight [3]", "bce", [p, labels(2, 4, 3).to(DT)], [0], {"weight": uniform(0.5, 2, 3).tolist()})
case("bce weight [4, 1]", "bce", [p, uniform(0, 1, 4, 3)], [0], {"weight": uniform(0.5, 2, 4, 1).tolist()})
x = randn(4, 3) * 3
z = labels(2, 4, 3).to(DT)
case("bceWithLogits", "bceWithLogits", [x, z], [0])
case("bceWithLogits soft targets + weight", "bceWithLogits", [x, uniform(0, 1, 4, 3)], [0], {"weight": uniform(0.5, 2, 3).tolist()})
case("bceWithLogits posWeight", "bceWithLogits", [x, z], [0], {"posWeight": [0.5, 2.0, 3.0]})
case(
    "bceWithLogits posWeight + weight + soft",
    "bceWithLogits",
    [x, uniform(0, 1, 4, 3)],
    [0],
    {"posWeight": [1.5, 0.25, 4.0], "weight": uniform(0.5, 2, 3).tolist()},
)

# ---- margins ---------------------------------------------------------------------------------
for opts in [{}, {"p": 2}, {"margin": 0.5}, {"p": 2, "margin": 1.5, "weight": uniform(0.5, 2, 5).tolist()}]:
    case(f"multiMargin {json.dumps(opts)}", "multiMargin", [randn(4, 5), labels(5, 4)], [0], opts)
case("multiMargin [C]", "multiMargin", [randn(5), torch.tensor(2)], [0], {"weight": uniform(0.5, 2, 5).tolist()})
ml_target = torch.tensor([[3, 0, -1, 1, 2], [1, -1, 0, 0, 0], [0, 1, 2, 3, 4], [4, 2, 1, -1, 3]])
case("multilabelMargin", "multilabelMargin", [randn(4, 5), ml_target], [0])
case("multilabelMargin [C]", "multilabelMargin", [randn(4), torch.tensor([2, 0, -1, 3])], [0])
case("softMargin", "softMargin", [randn(4, 3) * 2, signs(4, 3)], [0])
for opts in [{}, {"margin": 2.0}]:
    case(f"hingeEmbedding {json.dumps(opts)}", "hingeEmbedding", [uniform(0, 2.5, 4, 3), signs(4, 3)], [0], opts)

# ---- embedding / ranking ---------------------------------------------------------------------
for opts in [{}, {"margin": 0.3}]:
    case(
        f"cosineEmbedding {json.dumps(opts)}",
        "cosineEmbedding",
        [randn(5, 3), randn(5, 3), signs(5)],
        [0, 1],
        opts,
    )
case("cosineEmbedding [D]", "cosineEmbedding", [randn(4), randn(4), torch.tensor(-1.0, dtype=DT)], [0, 1], {"margin": -0.5})
for opts in [{}, {"margin": 0.5}]:
    case(f"marginRanking {json.dumps(opts)}", "marginRanking", [randn(6), randn(6), signs(6)], [0, 1], opts)
for opts in [{}, {"p": 1}, {"p": 3, "margin": 0.5}, {"swap": True}, {"eps": 0.0, "margin": 2.0}]:
    case(
        f"tripletMargin {json.dumps(opts)}",
        "tripletMargin",
        [randn(5, 3), randn(5, 3), randn(5, 3)],
        [0, 1, 2],
        opts,
    )
case("tripletMargin [D] swap", "tripletMargin", [randn(4), randn(4), randn(4)], [0, 1, 2], {"swap": True, "margin": 3.0})

KL_RED = ("mean", "batchmean", "sum", "none")
logq = torch.log_softmax(randn(4, 5), dim=1)
target = torch.softmax(randn(4, 5), dim=1)
case("klDiv", "klDiv", [logq, target], [0], {}, KL_RED)
target0 = target.clone()
target0[0, 1] = 0.0
target0[2, 4] = 0.0
case("klDiv target with zeros", "klDiv", [logq, target0], [0], {}, KL_RED)
case("klDiv logTarget", "klDiv", [logq, torch.log_softmax(randn(4, 5), dim=1)], [0], {"logTarget": True}, KL_RED)

# ---- likelihoods and multi-label (appended last, so the cases above keep their random draws) -----
counts = torch.poisson(uniform(0.5, 5.0, 4, 3))  # 0, 1 and larger counts: Stirling's mask is hit
case("poissonNll logInput", "poissonNll", [randn(4, 3), counts], [0])
case("poissonNll logInput full", "poissonNll", [randn(4, 3), counts], [0], {"full": True})
case(
    "poissonNll full, target gradient",
    "poissonNll",
    [randn(4, 3), uniform(0.2, 6.0, 4, 3)],
    [0, 1],
    {"full": True},
)
rates = uniform(0.1, 4.0, 4, 3)
case("poissonNll rates", "poissonNll", [rates, counts], [0], {"logInput": False})
rates0 = rates.clone()
rates0[0, 0] = 0.0
rates0[2, 1] = 0.0
case("poissonNll rates with zeros, eps 0.5, full", "poissonNll", [rates0, counts], [0], {"logInput": False, "eps": 0.5, "full": True})
case("poissonNll [D]", "poissonNll", [randn(5), torch.poisson(uniform(0.5, 3.0, 5))], [0])

case("gaussianNll var per element", "gaussianNll", [randn(4, 3), randn(4, 3), uniform(0.1, 2.0, 4, 3)], [0, 1, 2])
case("gaussianNll var per row [N]", "gaussianNll", [randn(4, 3), randn(4, 3), uniform(0.1, 2.0, 4)], [0, 1, 2])
case("gaussianNll var [N, 1] full", "gaussianNll", [randn(4, 3), randn(4, 3), uniform(0.1, 2.0, 4, 1)], [0, 1, 2], {"full": True})
var_small = uniform(0.1, 2.0, 4, 3)
var_small[0, 0] = 0.0
var_small[1, 2] = 1e-8
var_small[3, 1] = 5e-7
case("gaussianNll var below eps is clamped", "gaussianNll", [randn(4, 3), randn(4, 3), var_small], [0, 1, 2])
case("gaussianNll eps 0.3", "gaussianNll", [randn(4, 3), randn(4, 3), uniform(0.0, 1.0, 4, 3)], [0, 1, 2], {"eps": 0.3})
case("gaussianNll target [N, 1] broadcast", "gaussianNll", [randn(4, 3), randn(4, 1), uniform(0.1, 2.0, 4, 3)], [0, 1, 2])
case("gaussianNll [D] with one variance", "gaussianNll", [randn(5), randn(5), torch.tensor(0.7, dtype=DT)], [0, 1, 2])

ml_labels = labels(2, 4, 5).to(DT)
case("multilabelSoftMargin", "multilabelSoftMargin", [randn(4, 5) * 2, ml_labels], [0])
case(
    "multilabelSoftMargin soft targets + weight",
    "multilabelSoftMargin",
    [randn(4, 5) * 2, uniform(0, 1, 4, 5)],
    [0, 1],
    {"weight": uniform(0.5, 2, 5).tolist()},
)
case("multilabelSoftMargin [C]", "multilabelSoftMargin", [randn(5) * 3, labels(2, 5).to(DT)], [0])
case("multilabelSoftMargin [N, d, C]", "multilabelSoftMargin", [randn(2, 3, 4), labels(2, 2, 3, 4).to(DT)], [0])

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    json.dump({"torch": torch.__version__, "dtype": "float64", "seed": 1234, "cases": cases}, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")
