// synaptic 1.1.4 (CommonJS, no type declarations): the slice of its API the benchmark uses.
// Architect.Perceptron(2, 16, 16, 1) with tanh hidden layers and the logistic output, trained one
// sample at a time with activate() + propagate(rate, target) (synaptic's own SGD).
import { createRequire } from "node:module";

interface SynapticLayer {
  set(options: { squash: unknown }): void;
}
export interface SynapticNet {
  activate(input: number[]): number[];
  propagate(rate: number, target: number[]): void;
  layers: { hidden: SynapticLayer[] };
}
interface SynapticModule {
  Architect: { Perceptron: new (...sizes: number[]) => SynapticNet };
  Neuron: { squash: { TANH: unknown } };
}

export function loadSynaptic(): SynapticModule {
  return createRequire(import.meta.url)("synaptic") as SynapticModule;
}
