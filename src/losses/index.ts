// The `losses` namespace: functional losses with PyTorch's definitions, defaults and reductions.
export { type Reduction, type ReductionOptions } from "./reduce.js";
export { type TargetLike, type WeightLike } from "./targets.js";
// regression
export { mse } from "./mse.js";
export { l1 } from "./l1.js";
export { smoothL1, type SmoothL1Options } from "./smooth-l1.js";
export { huber, type HuberOptions } from "./huber.js";
export { poissonNll, type PoissonNllOptions } from "./poisson-nll.js";
export { gaussianNll, type GaussianNllOptions } from "./gaussian-nll.js";
// classification
export { crossEntropy, type CrossEntropyOptions } from "./cross-entropy.js";
export { nll, type NllOptions } from "./nll.js";
export { bce, type BceOptions } from "./bce.js";
export { bceWithLogits, type BceWithLogitsOptions } from "./bce-with-logits.js";
export { margin, type MarginOptions } from "./margin.js";
export { multiMargin, type MultiMarginOptions } from "./multi-margin.js";
export { multilabelMargin } from "./multilabel-margin.js";
export { softMargin } from "./soft-margin.js";
export {
  multilabelSoftMargin,
  type MultilabelSoftMarginOptions,
} from "./multilabel-soft-margin.js";
// embedding and ranking
export { l1HingeEmbedding, type L1HingeEmbeddingOptions } from "./l1-hinge-embedding.js";
export { hingeEmbedding, type HingeEmbeddingOptions } from "./hinge-embedding.js";
export { cosineEmbedding, type CosineEmbeddingOptions } from "./cosine-embedding.js";
export { marginRanking, type MarginRankingOptions } from "./margin-ranking.js";
export { tripletMargin, type TripletMarginOptions } from "./triplet-margin.js";
export { klDiv, type KlDivOptions } from "./kl-div.js";
export { LOSSES } from "./all.js";
export type { LossDescriptor, LossTask } from "./descriptor.js";
