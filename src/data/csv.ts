// An incremental RFC 4180 CSV parser: push string chunks in any sizes, get records with the line
// each field starts on. It only splits text into fields; numbers and labels are csv-dataset.ts's job.
//
// Accepted: "," (or ";" or tab: the delimiter option, or "auto" to detect it from the header line)
// between fields; CRLF, LF or a lone CR ends a record; quoted fields may hold the
// delimiter, newlines and doubled quotes (""); a leading BOM is dropped; completely empty lines
// are skipped (they still count as lines). Rejected with DataFormatError: a quote inside an
// unquoted field, text after a closing quote, a NUL character, an unterminated quote at the end,
// a field longer than maxFieldLength or a record with more than maxColumns fields.
import { DataFormatError } from "./errors.js";

/** One CSV record as the parser delivers it: its fields and where each starts. */
export interface CsvRecord {
  /** The fields, unquoted. */
  fields: string[];
  /** 1-based line on which the record starts (the header is line 1; quoted newlines count). */
  line: number;
  /** 1-based line on which each field starts (differs from `line` after a quoted newline). */
  fieldLines: number[];
}

/** Options of {@link CsvParser}: the file name for errors, size limits and the delimiter. */
export interface CsvParserOptions {
  /** File name used in error messages. */
  file?: string;
  /** Longest field accepted, in UTF-16 code units. Default 2^20. */
  maxFieldLength?: number;
  /** Most fields per record. Default 2^20. */
  maxColumns?: number;
  /**
   * The field separator. Default "," for CsvParser and parseCsv; the data set readers default to
   * "auto": detected from the header line (see detectDelimiter).
   */
  delimiter?: CsvDelimiter | "auto";
}

/** A field separator the parser accepts: comma, semicolon or tab. */
export type CsvDelimiter = "," | ";" | "\t";

/** The header text examined by "auto" when no line end comes sooner (a 1 MB header is legal). */
const DETECT_CHARS = 1 << 16;

/**
 * The delimiter of a header line: "," if the line has a comma outside quotes; else ";" or tab,
 * whichever occurs more outside quotes (";" on a tie); "," when it has neither.
 */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let tabs = 0;
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (ch === ",") commas++;
    else if (ch === ";") semicolons++;
    else if (ch === "\t") tabs++;
  }
  if (commas > 0 || semicolons + tabs === 0) return ",";
  return tabs > semicolons ? "\t" : ";";
}

/** Text up to the first line end outside quotes, or null when `text` has none yet. */
function firstLine(text: string): string | null {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === CR || c === LF)) return text.slice(0, i);
  }
  return null;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const NUL = 0;

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted, // saw '"' inside a quoted field: the end of the field or the first of ""
}

/**
 * Incremental CSV parser. `push(chunk)` any number of times, then `end()`; each complete record is
 * passed to `onRecord` as soon as its line ends. Chunks may split anywhere, even inside "" or CRLF.
 */
export class CsvParser {
  private state = State.FieldStart;
  private field = "";
  private fields: string[] = [];
  private fieldLines: number[] = [];
  private line = 1;
  private recordLine = 1;
  private fieldLine = 1;
  private quoteLine = 1;
  private atStart = true;
  private lastWasCR = false;
  private readonly file?: string;
  private readonly maxFieldLength: number;
  private readonly maxColumns: number;
  private delimiter: number; // char code; −1 until "auto" has seen the header line
  private pending = ""; // text held back while "auto" waits for the header line

  constructor(
    private readonly onRecord: (record: CsvRecord) => void,
    options: CsvParserOptions = {},
  ) {
    this.file = options.file;
    this.maxFieldLength = options.maxFieldLength ?? 2 ** 20;
    this.maxColumns = options.maxColumns ?? 2 ** 20;
    const d = options.delimiter ?? ",";
    this.delimiter = d === "auto" ? -1 : d.charCodeAt(0);
  }

  /** The delimiter in use, or null while "auto" has not seen the header line yet. */
  get delimiterInUse(): CsvDelimiter | null {
    return this.delimiter < 0 ? null : (String.fromCharCode(this.delimiter) as CsvDelimiter);
  }

  /** The line the parser has reached (1-based), for messages about errors found outside it. */
  get currentLine(): number {
    return this.line;
  }

  /** Parse the next piece of text, calling `onRecord` for each record completed. */
  push(chunk: string): void {
    if (this.delimiter < 0) {
      // "auto": hold the text back until the header line is complete (or long enough to judge)
      this.pending += chunk;
      const line = firstLine(this.pending);
      const judge = Math.min(DETECT_CHARS, this.maxFieldLength + 1); // limits still fail early
      if (line === null && this.pending.length < judge) return;
      this.detect(line ?? this.pending);
      return;
    }
    this.parse(chunk);
  }

  private detect(header: string): void {
    this.delimiter = detectDelimiter(header.replace(/^\uFEFF/, "")).charCodeAt(0);
    const text = this.pending;
    this.pending = "";
    this.parse(text);
  }

  private parse(chunk: string): void {
    const DELIM = this.delimiter;
    let i = 0;
    const n = chunk.length;
    if (n === 0) return;
    if (this.atStart) {
      this.atStart = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    let start = i; // where the current field's text in this chunk begins
    for (; i < n; i++) {
      const c = chunk.charCodeAt(i);
      const prevCR = c === LF && (i > 0 ? chunk.charCodeAt(i - 1) === CR : this.lastWasCR);
      switch (this.state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.beginField();
            this.quoteLine = this.line;
            this.state = State.Quoted;
            start = i + 1;
          } else if (c === DELIM) {
            this.beginField();
            this.pushField("");
          } else if (c === CR || c === LF) {
            if (prevCR) break; // second half of CRLF; the record already ended
            if (this.fields.length > 0) {
              this.pushField("");
              this.emit();
            }
            this.line++;
          } else {
            if (c === NUL) this.fail("NUL character in field", this.fields.length + 1);
            this.beginField();
            this.state = State.Unquoted;
            start = i;
          }
          break;
        case State.Unquoted:
          if (c === DELIM || c === CR || c === LF) {
            this.pushField(this.field + chunk.slice(start, i));
            this.state = State.FieldStart;
            if (c !== DELIM) {
              this.emit();
              this.line++;
            }
          } else if (c === QUOTE) {
            this.failInField(
              'quote character inside an unquoted field (quote the whole field and double inner quotes: "a""b")',
              this.field + chunk.slice(start, i),
            );
          } else if (c === NUL) {
            this.failInField("NUL character in field", this.field + chunk.slice(start, i));
          }
          break;
        case State.Quoted:
          if (c === QUOTE) {
            this.field += chunk.slice(start, i);
            this.state = State.QuoteInQuoted;
          } else if (c === CR || (c === LF && !prevCR)) {
            this.line++;
          } else if (c === NUL) {
            this.failInField("NUL character in field", this.field + chunk.slice(start, i));
          }
          break;
        case State.QuoteInQuoted:
          if (c === QUOTE) {
            this.field += '"';
            this.state = State.Quoted;
            start = i + 1;
          } else if (c === DELIM || c === CR || c === LF) {
            this.pushField(this.field);
            this.state = State.FieldStart;
            if (c !== DELIM) {
              this.emit();
              this.line++;
            }
          } else {
            this.failInField(
              `unexpected ${JSON.stringify(chunk[i])} after the closing quote of a quoted field`,
              this.field,
            );
          }
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) {
      this.field += chunk.slice(start, n);
      this.checkLength();
    }
    this.lastWasCR = chunk.charCodeAt(n - 1) === CR;
  }

  /** Signal the end of input: flushes the last record (a final newline is optional). */
  end(): void {
    if (this.delimiter < 0) this.detect(this.pending);
    if (this.state === State.Quoted) {
      this.fail(
        `unterminated quoted field (the quote opened on line ${this.quoteLine} is never closed)`,
        this.fields.length + 1,
        this.quoteLine,
      );
    }
    if (this.state === State.Unquoted || this.state === State.QuoteInQuoted) {
      this.pushField(this.field);
      this.emit();
    } else if (this.fields.length > 0) {
      this.pushField(""); // "a,b," at EOF: the last field is empty
      this.emit();
    }
    this.state = State.FieldStart;
  }

  private beginField(): void {
    if (this.fields.length === 0) this.recordLine = this.line;
    this.fieldLine = this.line;
    this.field = "";
  }

  private pushField(value: string): void {
    this.field = value;
    this.checkLength();
    if (this.fields.length >= this.maxColumns) {
      this.fail(`record has more than ${this.maxColumns} fields`, this.fields.length + 1);
    }
    this.fields.push(value);
    this.fieldLines.push(this.fieldLine);
    this.field = "";
  }

  private checkLength(): void {
    if (this.field.length > this.maxFieldLength) {
      this.fail(
        `field is longer than ${this.maxFieldLength} characters`,
        this.fields.length + 1,
        this.fieldLine,
      );
    }
  }

  /**
   * An error inside a field. If the field (`partial`, read so far) is already over
   * maxFieldLength, that is reported instead, as it is when a chunk ends earlier in the field:
   * the error must not depend on how the input was split.
   */
  private failInField(reason: string, partial: string): never {
    this.field = partial;
    this.checkLength();
    this.fail(reason, this.fields.length + 1);
  }

  private emit(): void {
    const record: CsvRecord = {
      fields: this.fields,
      line: this.recordLine,
      fieldLines: this.fieldLines,
    };
    this.fields = [];
    this.fieldLines = [];
    this.onRecord(record);
  }

  private fail(reason: string, column: number, line = this.line): never {
    throw new DataFormatError(reason, { file: this.file, line, column });
  }
}

/** Parse CSV text given whole or in chunks into records (convenience over CsvParser). */
export function parseCsv(
  input: string | Iterable<string>,
  options: CsvParserOptions = {},
): CsvRecord[] {
  const records: CsvRecord[] = [];
  const parser = new CsvParser((r) => records.push(r), options);
  for (const chunk of typeof input === "string" ? [input] : input) parser.push(chunk);
  parser.end();
  return records;
}
