// `data` for Node: the core data functions plus file readers.
export * from "../data/index.js";
export * from "./data/index.js";
