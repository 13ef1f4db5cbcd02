// Diagnostics: tools that check and explain what the network is doing.
export { gradcheck, type GradcheckOptions, type GradcheckReport } from "./gradcheck.js";
