// Diagnostics: tools that check and explain what the network is doing.
export {
  gradcheck,
  FLOAT32_TOLERANCES,
  FLOAT64_TOLERANCES,
  type GradcheckOptions,
  type GradcheckReport,
} from "./gradcheck.js";
export {
  gradientNorms,
  activationStats,
  type ParameterGradStats,
  type LayerActivationStats,
} from "./grad-stats.js";
