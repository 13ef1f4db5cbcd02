// Node-only data entry: file readers for CSV and IDX. The parsers themselves are in src/data.
export { readCsvFile, type ReadCsvOptions } from "./read-csv.js";
export {
  FASHION_MNIST_DIR,
  FASHION_MNIST_LABELS,
  loadFashionMnist,
  readIdxDataset,
  readIdxFile,
  readIdxImagesFile,
  readMaybeGzip,
  type ReadIdxOptions,
} from "./read-idx.js";
