// The torch.nn module for each Myelin layer, as Python source: nn.Linear(2, 16, bias=True),
// nn.GELU(approximate="tanh"), nn.BatchNorm1d(16, eps=1e-05, …). A table, one row per layer type,
// read by the snippet writer and by export (which refuses a model with a layer not listed here).
// Step has no torch.nn class: the snippet defines one (STEP_CLASS).
import type { LayerDescription } from "../../nn/registry.js";

type Config = Record<string, unknown>;

/** A JavaScript number as a Python float literal that parses to the same double. */
export function pyFloat(v: unknown): string {
  const n = Number(v);
  const s = String(n);
  return Number.isInteger(n) && !s.includes("e") ? `${s}.0` : s;
}

function pyInt(v: unknown): string {
  return String(Number(v));
}

function pyBool(v: unknown): string {
  return v === false ? "False" : "True";
}

/** Rows: layer type → Python constructor call from the layer's config. */
const TORCH_MODULES: Readonly<Record<string, (c: Config) => string>> = {
  Linear: (c) =>
    `nn.Linear(${pyInt(c.inFeatures)}, ${pyInt(c.outFeatures)}, bias=${pyBool(c.bias)})`,
  BatchNorm1d: (c) =>
    `nn.BatchNorm1d(${pyInt(c.numFeatures)}, eps=${pyFloat(c.eps)}, momentum=${c.momentum === null ? "None" : pyFloat(c.momentum)}, affine=${pyBool(c.affine)}, track_running_stats=${pyBool(c.trackRunningStats)})`,
  Dropout: (c) => `nn.Dropout(p=${pyFloat(c.p)})`,
  Sigmoid: () => "nn.Sigmoid()",
  Tanh: () => "nn.Tanh()",
  ReLU: () => "nn.ReLU()",
  LeakyReLU: (c) => `nn.LeakyReLU(negative_slope=${pyFloat(c.negativeSlope)})`,
  ELU: (c) => `nn.ELU(alpha=${pyFloat(c.alpha)})`,
  CELU: (c) => `nn.CELU(alpha=${pyFloat(c.alpha)})`,
  SELU: () => "nn.SELU()",
  GELU: (c) => `nn.GELU(approximate=${c.approximate === "tanh" ? '"tanh"' : '"none"'})`,
  Softplus: (c) => `nn.Softplus(beta=${pyFloat(c.beta)}, threshold=${pyFloat(c.threshold)})`,
  Softsign: () => "nn.Softsign()",
  SiLU: () => "nn.SiLU()",
  Mish: () => "nn.Mish()",
  Hardsigmoid: () => "nn.Hardsigmoid()",
  Hardswish: () => "nn.Hardswish()",
  Hardtanh: (c) => `nn.Hardtanh(min_val=${pyFloat(c.minVal)}, max_val=${pyFloat(c.maxVal)})`,
  ReLU6: () => "nn.ReLU6()",
  Identity: () => "nn.Identity()",
  Step: () => "Step()",
  Softmax: (c) => `nn.Softmax(dim=${pyInt(c.axis)})`,
  LogSoftmax: (c) => `nn.LogSoftmax(dim=${pyInt(c.axis)})`,
  PReLU: (c) => `nn.PReLU(num_parameters=${pyInt(c.numParameters)}, init=${pyFloat(c.init)})`,
};

/** y = 1 if x ≥ 0 else 0, as Myelin's Step (no torch.nn class has it). */
export const STEP_CLASS = `class Step(nn.Module):
    """Myelin's Step: y = 1 if x >= 0 else 0."""

    def forward(self, x):
        return (x >= 0).to(x.dtype)
`;

/** The layer types with a PyTorch counterpart (Sequential included). */
export function hasTorchModule(type: string): boolean {
  return type === "Sequential" || Object.hasOwn(TORCH_MODULES, type);
}

/**
 * The first layer of `desc` (depth first) without a PyTorch counterpart, as [path, type], or
 * null when every layer has one. Paths read "model", "model.2", "model.2.0".
 */
export function firstWithoutTorchModule(
  desc: LayerDescription,
  path = "model",
): [string, string] | null {
  if (!hasTorchModule(desc.type)) return [path, desc.type];
  for (const [i, child] of (desc.children ?? []).entries()) {
    const found = firstWithoutTorchModule(child, `${path}.${i}`);
    if (found) return found;
  }
  return null;
}

/** Python source that builds `desc` (children indented one level per Sequential), commented. */
export function torchModuleSource(desc: LayerDescription, indent = ""): string {
  if (desc.type !== "Sequential") return TORCH_MODULES[desc.type](desc.config);
  const inner = indent + "    ";
  const children = desc.children ?? [];
  if (children.length === 0) return "nn.Sequential()";
  const lines = children.map((c, i) => `${inner}${torchModuleSource(c, inner)},  # ${i}`);
  return `nn.Sequential(\n${lines.join("\n")}\n${indent})`;
}

/** True when `desc` holds a Step layer somewhere (the snippet then defines the class). */
export function usesStep(desc: LayerDescription): boolean {
  return desc.type === "Step" || (desc.children ?? []).some(usesStep);
}
