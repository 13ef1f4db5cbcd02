// Diagnostics: tools that check and explain what the network is doing.
export {
  gradcheck,
  FLOAT32_TOLERANCES,
  FLOAT64_TOLERANCES,
  type GradcheckOptions,
  type GradcheckReport,
  type GradcheckWorst,
} from "./gradcheck.js";
export {
  gradientNorms,
  activationStats,
  type ParameterGradStats,
  type LayerActivationStats,
} from "./grad-stats.js";
export {
  gradientFlow,
  type GradientFlowOptions,
  type GradientFlowCallback,
  type FlowRecord,
  type LayerFlow,
  type WeightHistogram,
} from "./gradient-flow.js";
export { healthCheck, type HealthWarning, type HealthKind, type HealthOptions } from "./health.js";
export { explainNaN, type NonFiniteOrigin, type WeightBaseline } from "./explain-nan.js";
