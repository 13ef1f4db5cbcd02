// The `data` namespace: data sets, batching, synthetic sets, CSV and IDX parsing, preprocessing.
// Browser-safe (no Node modules); file readers live in src/node/data.
export { DataFormatError, EmptyDatasetError, type DataFault, type DataLocation } from "./errors.js";
export {
  batches,
  numSamples,
  shuffle,
  take,
  trainTestSplit,
  type Batch,
  type BatchOptions,
  type Dataset,
  type ShuffleOptions,
  type SplitOptions,
  type Task,
} from "./dataset.js";
export {
  blobs,
  circles,
  gaussianBlobs,
  moons,
  polynomial,
  sine,
  spirals,
  twoSpirals,
  xor,
  type BlobsOptions,
  type SyntheticOptions,
} from "./synthetic.js";
export {
  CsvParser,
  detectDelimiter,
  parseCsv,
  type CsvDelimiter,
  type CsvParserOptions,
  type CsvRecord,
} from "./csv.js";
export { MISSING_VALUES, isMissingCell } from "./csv-cells.js";
export {
  ColumnEncoder,
  columnEncoderOf,
  encodeColumns,
  type ColumnEncoderJSON,
  type EncodedColumn,
  type Impute,
} from "./column-encoder.js";
export { parseCsvNumber } from "./csv-number.js";
export {
  CsvDatasetBuilder,
  parseCsvDataset,
  parseCsvDatasetSync,
  type CsvColumn,
  type CsvDataset,
  type CsvDatasetOptions,
  type CsvTable,
} from "./csv-dataset.js";
export {
  idxImagesLabels,
  idxImagesDataset,
  parseIdx,
  parseIdxHeader,
  checkIdxDataLength,
  IdxImagesDecoder,
  IDX_MAX_HEADER_BYTES,
  type IdxHeader,
  type IdxImagesDecoderOptions,
  type IdxArray,
  type IdxData,
  type IdxDatasetOptions,
  type IdxOptions,
  type IdxType,
} from "./idx.js";
export {
  MinMaxScaler,
  OneHotEncoder,
  Standardizer,
  minMax,
  oneHot,
  preprocessorFromJSON,
  standardize,
  type MinMaxJSON,
  type OneHotJSON,
  type Preprocessor,
  type PreprocessorJSON,
  type StandardizeJSON,
} from "./preprocess.js";
export {
  CsvFeaturesBuilder,
  parseCsvFeatures,
  type CsvFeaturesOptions,
  type CsvFeatures,
} from "./csv-features.js";
export { csvCell, csvRow } from "./csv-write.js";
