// The js (reference) backend against the conformance suite.
import { runBackendSuite } from "./backend.case.js";
import { jsBackend } from "./js/index.js";

runBackendSuite("js", () => jsBackend);
