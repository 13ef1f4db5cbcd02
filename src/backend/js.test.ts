// The js (reference) backend against the conformance suite.
import { runBackendSuite } from "../../test/support/backend.case.js";
import { jsBackend } from "./js/index.js";

runBackendSuite("js", () => jsBackend);
