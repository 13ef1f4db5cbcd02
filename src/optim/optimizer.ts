// Optimizer: the base every update rule extends. It owns the parameter list, the hyper-parameters
// and the per-parameter state, runs step()/zeroGrad(), and saves/restores state exactly.
// It does not know any update rule; subclasses implement `update` on plain typed arrays.
import { noGrad } from "../autograd/no-grad.js";
import { DTypeError, ShapeError, ValueError, listForMessage } from "../errors.js";
import { allocStorage, type DType, type Storage } from "../tensor/dtype.js";
import { Tensor } from "../tensor/tensor.js";
import {
  decodeNumber,
  encodeArray,
  encodeNumber,
  isRecord,
  type EncodedNumber,
} from "./state-codec.js";
import { checkLr, checkType, type Hyper, type HyperValue } from "./validate.js";

/** State kept for one parameter once it has received its first gradient (as PyTorch, lazily). */
export interface ParamState {
  /** Number of updates applied to this parameter (t in the formulas). */
  step: number;
  /** Per-parameter scalars (NAdam's running product of μ). */
  scalars: Record<string, number>;
  /** Per-parameter buffers (m, v, …): same length and dtype as the parameter. */
  buffers: Record<string, Storage>;
}

/** One parameter's state inside a stateDict. */
export interface SerializedParamState {
  step: number;
  /** dtype of the parameter and its buffers. */
  dtype: DType;
  scalars: Record<string, EncodedNumber>;
  /** Buffers as plain number arrays (row-major, like the parameter), NaN/±Inf/−0 as strings. */
  buffers: Record<string, EncodedNumber[]>;
}

/**
 * Plain JSON data: `JSON.parse(JSON.stringify(sd))` loads back bit for bit.
 * `state[i]` belongs to `params[i]`; null for a parameter that has not been updated yet.
 */
export interface OptimizerStateDict {
  type: string;
  hyper: Record<string, HyperValue>;
  state: (SerializedParamState | null)[];
}

/**
 * Base of every update rule (SGD, Adam, …): owns the parameters, hyper-parameters and
 * per-parameter state; `step()` applies the rule to every parameter with a gradient and
 * `zeroGrad()` clears the gradients. Subclass it and implement `update` for a new rule.
 */
export abstract class Optimizer<H extends Hyper = Hyper> {
  /** Class name ("Adam"), stored in stateDict and checked on load. */
  readonly typeName: string;
  readonly params: readonly Tensor[];
  protected hyper: H;
  protected state: (ParamState | null)[];

  protected constructor(typeName: string, params: Iterable<Tensor>, hyper: H) {
    this.typeName = typeName;
    this.params = checkParams(typeName, params);
    this.checkHyper(hyper);
    this.hyper = hyper;
    this.state = this.params.map(() => null);
  }

  /** Range checks for every hyper-parameter; throws ValueError naming the optimizer and value. */
  protected abstract checkHyper(h: H): void;

  /** Every buffer name this rule may keep (allowlist for loadStateDict). */
  protected abstract bufferNames(): readonly string[];

  /** Buffers that must exist once a parameter has state, given hyper-parameters `h`. */
  protected abstract requiredBuffers(h: H): readonly string[];

  /** Scalars created with a fresh state (name → initial value). */
  protected initialScalars(): Record<string, number> {
    return {};
  }

  /** Apply one update to θ (in place) from gradient g; `s.step` is already incremented. */
  protected abstract update(theta: Storage, g: Storage, s: ParamState, h: H): void;

  /** Current learning rate η (schedules read and write it). */
  get lr(): number {
    return this.hyper.lr;
  }

  /** Set η (checked: finite and ≥ 0); the next step() uses it. */
  set lr(value: number) {
    checkLr(this.typeName, value);
    this.hyper.lr = value;
  }

  /** A copy of the hyper-parameters. */
  get hyperParameters(): Readonly<H> {
    const copy: Record<string, HyperValue> = {};
    for (const [k, v] of Object.entries(this.hyper)) copy[k] = Array.isArray(v) ? [...v] : v;
    return copy as H;
  }

  /** True when this optimizer has a hyper-parameter called `name` ("momentum", "betas", …). */
  hasHyperParameter(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.hyper, name);
  }

  /** Change one hyper-parameter (validated like the constructor), e.g. OneCycleLR's momentum. */
  setHyperParameter(name: string, value: HyperValue): void {
    if (!this.hasHyperParameter(name)) {
      throw new ValueError(`${this.typeName}: no hyper-parameter "${name}"`);
    }
    const next = { ...this.hyper, [name]: checkType(this.typeName, name, this.hyper[name], value) };
    this.checkHyper(next);
    this.hyper = next;
  }

  /**
   * Update every parameter that has a gradient, in place, under noGrad.
   * Parameters whose grad is null are skipped and keep their state (their step count too).
   */
  step(): void {
    noGrad(() => {
      this.params.forEach((p, i) => {
        const g = p.grad;
        if (g === null) return;
        if (g.size !== p.size) {
          throw new ShapeError(
            `${this.typeName}.step: params[${i}] has ${p.size} elements but its grad has ${g.size}`,
          );
        }
        this.stepOne(i, g.data);
      });
    });
  }

  /**
   * step() for params[i] alone, from the gradient values `g` (params[i].grad is not read): its
   * state is created or advanced and θ updated as step() does. The captured training step
   * (src/train/capture) calls it for each layer as soon as that layer's gradient is known.
   */
  stepOne(i: number, g: Storage): void {
    const s = (this.state[i] ??= { step: 0, scalars: this.initialScalars(), buffers: {} });
    s.step += 1;
    this.update(this.params[i].data, g, s, this.hyper);
  }

  /** Set every gradient to null (PyTorch's set_to_none=True default). */
  zeroGrad(): void {
    for (const p of this.params) p.grad = null;
  }

  /** Hyper-parameters, step counts and buffers as plain JSON data (see OptimizerStateDict). */
  stateDict(): OptimizerStateDict {
    const hyper: Record<string, HyperValue> = this.hyperParameters;
    const state = this.state.map((s, i): SerializedParamState | null => {
      if (s === null) return null;
      const scalars: Record<string, EncodedNumber> = {};
      for (const [k, v] of Object.entries(s.scalars)) scalars[k] = encodeNumber(v);
      const buffers: Record<string, EncodedNumber[]> = {};
      for (const [k, v] of Object.entries(s.buffers)) buffers[k] = encodeArray(v);
      return { step: s.step, dtype: this.params[i].dtype, scalars, buffers };
    });
    return { type: this.typeName, hyper, state };
  }

  /**
   * Restore a stateDict from the same optimizer type over parameters of the same sizes and dtypes.
   * Everything is validated before anything changes; errors: ValueError (keys, types, values),
   * ShapeError (buffer length, parameter count), DTypeError (dtype).
   */
  loadStateDict(sd: unknown): void {
    const where = `${this.typeName}.loadStateDict`;
    if (!isRecord(sd)) throw new ValueError(`${where}: expected an object`);
    if (sd.type !== this.typeName) {
      throw new ValueError(
        `${where}: state is for ${JSON.stringify(sd.type)}, not ${this.typeName}`,
      );
    }
    const hyper = this.parseHyper(sd.hyper, where);
    if (!Array.isArray(sd.state) || sd.state.length !== this.params.length) {
      const n = Array.isArray(sd.state) ? sd.state.length : "no";
      throw new ShapeError(`${where}: ${n} state entries for ${this.params.length} parameters`);
    }
    const state = sd.state.map((entry, i) => this.parseParamState(entry, i, hyper, where));
    this.hyper = hyper;
    this.state = state;
  }

  private parseHyper(raw: unknown, where: string): H {
    if (!isRecord(raw)) throw new ValueError(`${where}: "hyper" must be an object`);
    const keys = Object.keys(this.hyper);
    const extra = Object.keys(raw).filter((k) => !keys.includes(k));
    const missing = keys.filter((k) => !Object.prototype.hasOwnProperty.call(raw, k));
    if (extra.length > 0 || missing.length > 0) {
      throw new ValueError(
        `${where}: hyper-parameter keys differ (unexpected: ${listForMessage(extra) || "none"}; missing: ${listForMessage(missing) || "none"})`,
      );
    }
    const out: Record<string, HyperValue> = {};
    for (const k of keys) out[k] = checkType(this.typeName, k, this.hyper[k], raw[k]);
    this.checkHyper(out as H);
    return out as H;
  }

  private parseParamState(entry: unknown, i: number, h: H, where: string): ParamState | null {
    if (entry === null) return null;
    const at = `${where}: state[${i}]`;
    const p = this.params[i];
    if (!isRecord(entry)) throw new ValueError(`${at} must be an object or null`);
    const step = entry.step;
    if (typeof step !== "number" || !Number.isSafeInteger(step) || step < 0) {
      throw new ValueError(`${at}.step must be an integer ≥ 0, got ${JSON.stringify(step)}`);
    }
    if (entry.dtype !== p.dtype) {
      throw new DTypeError(
        `${at}.dtype is ${JSON.stringify(entry.dtype)} but params[${i}] is ${p.dtype}`,
      );
    }
    const scalarsIn = isRecord(entry.scalars) ? entry.scalars : null;
    const buffersIn = isRecord(entry.buffers) ? entry.buffers : null;
    if (scalarsIn === null || buffersIn === null) {
      throw new ValueError(`${at} needs "scalars" and "buffers" objects`);
    }
    const scalars: Record<string, number> = {};
    const expectedScalars = Object.keys(this.initialScalars());
    for (const k of new Set([...expectedScalars, ...Object.keys(scalarsIn)])) {
      if (!expectedScalars.includes(k) || !(k in scalarsIn)) {
        throw new ValueError(`${at}.scalars: expected keys [${expectedScalars.join(", ")}]`);
      }
      scalars[k] = decodeNumber(scalarsIn[k], `${at}.scalars.${k}`);
    }
    const allowed = this.bufferNames();
    for (const k of this.requiredBuffers(h)) {
      if (!(k in buffersIn)) throw new ValueError(`${at}.buffers: missing buffer "${k}"`);
    }
    const buffers: Record<string, Storage> = {};
    for (const k of Object.keys(buffersIn)) {
      if (!allowed.includes(k)) {
        throw new ValueError(`${at}.buffers: unknown buffer "${k}"; valid: ${allowed.join(", ")}`);
      }
      const arr = buffersIn[k];
      if (!Array.isArray(arr) || arr.length !== p.size) {
        const n = Array.isArray(arr) ? arr.length : "no";
        throw new ShapeError(`${at}.buffers.${k} has ${n} values but params[${i}] has ${p.size}`);
      }
      const buf = allocStorage(p.dtype, p.size);
      arr.forEach((v, j) => (buf[j] = decodeNumber(v, `${at}.buffers.${k}[${j}]`)));
      buffers[k] = buf;
    }
    return { step, scalars, buffers };
  }
}

/** The buffer `name` of state `s`, created filled with `fill` the first time (lazily, as PyTorch). */
export function bufferOf(s: ParamState, name: string, like: Storage, fill = 0): Storage {
  let b = s.buffers[name];
  if (b === undefined) {
    b =
      like instanceof Float64Array ? new Float64Array(like.length) : new Float32Array(like.length);
    if (fill !== 0) b.fill(fill);
    s.buffers[name] = b;
  }
  return b;
}

function checkParams(typeName: string, params: Iterable<Tensor>): Tensor[] {
  if (params === null || typeof params !== "object" || !(Symbol.iterator in params)) {
    throw new ValueError(`${typeName}: params must be an array of Tensors`);
  }
  const list = [...params];
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new ValueError(`${typeName}: params[${i}] is not a Tensor`);
    if (!p.requiresGrad) {
      throw new ValueError(`${typeName}: params[${i}] does not have requiresGrad = true`);
    }
    if (list.indexOf(p) !== i) {
      throw new ValueError(
        `${typeName}: params[${i}] is the same tensor as params[${list.indexOf(p)}]`,
      );
    }
  });
  return list;
}
