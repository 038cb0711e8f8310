/**
 * A forgiving RFC 4180 reader for HR exports: every record comes back with the line it starts on, and a record
 * that cannot be read (an unclosed quote, text after a closing quote) comes back as an error for that line while
 * reading carries on with the next line — one bad row never hides the rest of the file.
 *
 * Accepted on input: `\n` or `\r\n` line ends, a UTF-8 byte-order mark, blank lines (skipped), and a `;` or tab
 * delimiter when the header line has one of those and no comma (European spreadsheet exports).
 */

export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

export type CsvDelimiter = "," | ";" | "\t";

/** The delimiter of the file, decided from its first line. */
export function detectDelimiter(text: string): CsvDelimiter {
  const end = text.indexOf("\n");
  const first = end < 0 ? text : text.slice(0, end);
  if (first.includes(",")) return ",";
  if (first.includes(";")) return ";";
  if (first.includes("\t")) return "\t";
  return ",";
}

export function readCsvRecords(input: string, delimiter: CsvDelimiter = detectDelimiter(input)): CsvRecord[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const raw = text.slice(pos, end > pos && text[end - 1] === "\r" ? end - 1 : end);
    if (!raw.includes('"')) {
      // Fast path: nothing quoted on this line.
      if (raw.trim() !== "") records.push({ line, fields: raw.split(delimiter) });
      pos = end + 1;
      line++;
      continue;
    }
    const result = quotedRecord(text, pos, line, delimiter);
    records.push(result.record);
    pos = result.next;
    line = result.nextLine;
  }
  return records;
}

interface QuotedResult {
  record: CsvRecord;
  /** Offset and line number where the next record starts. */
  next: number;
  nextLine: number;
}

/** One record containing quotes, possibly spanning lines. */
function quotedRecord(text: string, start: number, startLine: number, delimiter: string): QuotedResult {
  const fields: string[] = [];
  let value = "";
  let quoted = false;
  let afterQuote = false;
  let line = startLine;
  let i = start;
  const fail = (error: string, at: number): QuotedResult => {
    if (line > startLine) {
      // A quoted field ran over line ends and then went wrong: the quote was never closed where it should have
      // been. Report the record's first line and read on from the line after it, so no later row is swallowed.
      const end = text.indexOf("\n", start);
      return {
        record: { line: startLine, error: "a quoted field is never closed" },
        next: end + 1,
        nextLine: startLine + 1,
      };
    }
    // Resume after the physical line the problem is on.
    const end = text.indexOf("\n", at);
    return {
      record: { line: startLine, error },
      next: end < 0 ? text.length : end + 1,
      nextLine: line + 1,
    };
  };
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') {
        if (ch === "\n") line++;
        value += ch;
      } else if (text[i + 1] === '"') {
        value += '"';
        i++;
      } else {
        quoted = false;
        afterQuote = true;
      }
    } else if (ch === delimiter) {
      fields.push(value);
      value = "";
      afterQuote = false;
    } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      break;
    } else if (ch === '"' && value.trim() === "" && !afterQuote) {
      quoted = true;
      value = "";
    } else if (afterQuote) {
      if (ch === " " || ch === "\t") continue;
      return fail(`unexpected ${JSON.stringify(ch)} after a closing quote`, i);
    } else if (ch === '"') {
      return fail("a quote inside an unquoted field (quote the whole field and double the quote)", i);
    } else {
      value += ch;
    }
  }
  if (quoted) {
    // Unclosed: the rest of the file would be one field. Report it and read on from the next line.
    const end = text.indexOf("\n", start);
    return {
      record: { line: startLine, error: "a quoted field is never closed" },
      next: end < 0 ? text.length : end + 1,
      nextLine: startLine + 1,
    };
  }
  fields.push(value);
  if (text[i] === "\r") i++;
  return { record: { line: startLine, fields }, next: i + 1, nextLine: line + 1 };
}
