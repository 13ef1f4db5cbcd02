// The list of every activation row, in the order of `names` (and of docs/guide.md's table).
// Everything else by name — names, aliases, get, properties, nn's layer classes — derives from it.
import { linearActivation, sigmoidActivation, stepActivation, tanhActivation } from "./classic.js";
import { hardSigmoidActivation, hardSwishActivation, hardTanhActivation } from "./hard.js";
import {
  celuActivation,
  eluActivation,
  leakyReluActivation,
  preluActivation,
  relu6Activation,
  reluActivation,
  seluActivation,
} from "./rectifiers.js";
import {
  geluActivation,
  mishActivation,
  siluActivation,
  softplusActivation,
  softsignActivation,
} from "./smooth.js";
import { logSoftmaxActivation, softmaxActivation } from "./softmax.js";

/**
 * Every activation's descriptor row, in the order of `names`; the layers, `nn.activation(name)`
 * and save/load all derive from it.
 */
export const ACTIVATIONS = [
  sigmoidActivation,
  tanhActivation,
  reluActivation,
  leakyReluActivation,
  eluActivation,
  seluActivation,
  geluActivation,
  softplusActivation,
  softsignActivation,
  siluActivation,
  mishActivation,
  hardSigmoidActivation,
  hardTanhActivation,
  relu6Activation,
  stepActivation,
  linearActivation,
  softmaxActivation,
  logSoftmaxActivation,
  hardSwishActivation,
  celuActivation,
  preluActivation,
] as const;
