// A user-defined layer saves and loads once its class is registered (nn.registerLayer), with the
// checks built-in layers get: fromConfig validates the config, the stored parameters' shapes are
// checked on load, a built-in name cannot be taken, and a file naming a type this process has not
// registered is refused with the typed UnknownLayerError that names it.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ValueError } from "../errors.js";
import { ModelFormatError } from "../io/errors.js";
import { modelFromBytes, modelToBytes, UnknownLayerError } from "../io/model.js";
import { tensor, zeros } from "../tensor/create.js";
import { seed } from "../tensor/random.js";
import type { Tensor } from "../tensor/tensor.js";
import { readCount, type LayerConfig } from "./config.js";
import { Linear } from "./linear.js";
import { Module } from "./module.js";
import { registerLayer, unregisterLayer } from "./registry.js";
import { Sequential } from "./sequential.js";
import { seal } from "../../test/support/raw-model-file.js";

/** y = x ⊙ s + t, one learnt scale and shift per feature. */
class ScaleShift extends Module {
  static readonly typeName: string = "test.ScaleShift";
  static fromConfig(config: LayerConfig): ScaleShift {
    return new ScaleShift(readCount(config, "features", ScaleShift.typeName));
  }
  static elements(config: LayerConfig): number {
    return 2 * readCount(config, "features", ScaleShift.typeName);
  }
  readonly typeName = ScaleShift.typeName;
  readonly scale: Tensor;
  readonly shift: Tensor;
  constructor(readonly features: number) {
    super();
    this.scale = this.registerParameter("scale", zeros([features]).add(1));
    this.shift = this.registerParameter("shift", zeros([features]));
  }
  forward(x: Tensor): Tensor {
    return x.mul(this.scale).add(this.shift);
  }
  override config(): LayerConfig {
    return { features: this.features };
  }
}

function model(): Module {
  seed(7);
  const m = new Sequential(new Linear(3, 4), new ScaleShift(4), new Linear(4, 2));
  const layer = m.namedChildren()[1][1] as ScaleShift;
  layer.scale.data.set([0.5, -2, 3, 1.5]);
  layer.shift.data.set([0.1, 0.2, -0.3, 0.4]);
  return m;
}

const x = tensor([
  [1, 2, 3],
  [-1, 0.5, 2],
]);

describe("custom layers: nn.registerLayer", () => {
  test("before registering, saving names the remedy", () => {
    assert.throws(
      () => modelToBytes(model()),
      (e: unknown) =>
        e instanceof ValueError &&
        /layer type "test\.ScaleShift" cannot be saved/.test(e.message) &&
        /nn\.registerLayer\(ScaleShift\)/.test(e.message),
    );
  });

  test("registered: save, load, same outputs; unregistered: UnknownLayerError naming it", () => {
    registerLayer(ScaleShift);
    try {
      const m = model().eval();
      const bytes = modelToBytes(m);
      const loaded = modelFromBytes(bytes).model;
      assert.ok(loaded.namedChildren()[1][1] instanceof ScaleShift);
      assert.deepEqual(Array.from(loaded.forward(x).data), Array.from(m.forward(x).data));
      registerLayer(ScaleShift); // registering the same class again is harmless

      assert.equal(unregisterLayer(ScaleShift.typeName), true);
      assert.throws(
        () => modelFromBytes(bytes),
        (e: unknown) =>
          e instanceof UnknownLayerError && /unknown layer type "test\.ScaleShift"/.test(e.message),
      );
    } finally {
      unregisterLayer(ScaleShift.typeName);
    }
  });

  test("a registered layer's config is validated and its parameter shapes checked on load", () => {
    registerLayer(ScaleShift);
    try {
      const bytes = modelToBytes(model());
      const text = new TextDecoder("latin1").decode(bytes);
      // same-length edits of the header: features 4 → 0 (config refused), → 3 (shapes disagree)
      for (const [features, pattern] of [
        ["0", /test\.ScaleShift: config\.features must be an integer/],
        ["3", /weights do not match the architecture|declares|shape/],
      ] as const) {
        const edited = text.replace('"features":4', `"features":${features}`);
        assert.notEqual(edited, text);
        const bad = seal(Uint8Array.from(edited, (c) => c.charCodeAt(0)));
        assert.throws(
          () => modelFromBytes(bad),
          (e: unknown) => e instanceof ModelFormatError && pattern.test(e.message),
        );
      }
    } finally {
      unregisterLayer(ScaleShift.typeName);
    }
  });

  test("a built-in name, a second class under a taken name, or a malformed class is refused", () => {
    class FakeLinear extends ScaleShift {
      static override readonly typeName = "Linear";
    }
    assert.throws(() => registerLayer(FakeLinear), /"Linear" is a built-in layer type/);
    class Other extends ScaleShift {}
    registerLayer(ScaleShift);
    try {
      assert.throws(() => registerLayer(Other), /"test\.ScaleShift" is already registered/);
    } finally {
      unregisterLayer(ScaleShift.typeName);
    }
    assert.throws(
      () => registerLayer({ typeName: "", fromConfig: () => new Linear(1, 1) }),
      (e: unknown) => e instanceof ValueError && /typeName/.test(e.message),
    );
    assert.throws(
      () => registerLayer({ typeName: "x.Y" } as never),
      (e: unknown) => e instanceof ValueError && /fromConfig/.test(e.message),
    );
    assert.equal(unregisterLayer("Linear"), false);
  });

  test("an instance whose class is not the registered one is refused on save", () => {
    class Impostor extends ScaleShift {}
    registerLayer(ScaleShift);
    try {
      const m = new Sequential(new Impostor(2));
      assert.throws(() => modelToBytes(m), /registered for another class/);
    } finally {
      unregisterLayer(ScaleShift.typeName);
    }
  });
});
