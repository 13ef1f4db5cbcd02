// The `regularization` namespace: weight penalties to add to the loss.
export { l1, l2 } from "./penalties.js";
