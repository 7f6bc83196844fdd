/** Data goes to stdout (`--format json` or an aligned table); messages for people go to stderr. */
import { isEastAsianWide } from '../core/east-asian-width.js';
import type { CliIo } from './io.js';

export type OutputFormat = 'table' | 'json';

/** Display width: East Asian wide and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += isEastAsianWide(ch.codePointAt(0)!) ? 2 : 1;
  return w;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/**
 * A value as one line of a table cell or record: a line break inside it (a Threat Dragon element
 * "Local\nAPI", a triage reason of several lines) would start a new row and shift the columns, so
 * line breaks and tabs become one space each (CRLF counts as one break); any other control
 * character (an escape sequence a terminal would act on) is shown as its \uXXXX code.
 */
export function cellText(text: string): string {
  return text
    .replace(/\r\n|[\n\r\t\v\f\u0085\u2028\u2029]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function renderTable(columns: readonly string[], sourceRows: readonly (readonly string[])[]): string {
  const rows = sourceRows.map((r) => r.map(cellText));
  const widths = columns.map((c, i) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : pad(c, widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.toUpperCase())), ...rows.map(line)].join('\n') + '\n';
}

export function printData<T>(
  io: CliIo,
  format: OutputFormat,
  data: unknown,
  table: { columns: readonly string[]; rows: readonly T[]; cells: (row: T) => readonly string[] },
): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(data, null, 2)}\n`);
    return;
  }
  io.stdout(renderTable(table.columns, table.rows.map(table.cells)));
}

/** A record as `key  value` lines. */
export function renderRecord(entries: readonly (readonly [string, string])[]): string {
  const width = Math.max(...entries.map(([k]) => displayWidth(k)));
  return entries.map(([k, v]) => `${pad(k, width)}  ${cellText(v)}`).join('\n') + '\n';
}

const elementsPerPiece = 256;
const wrapperHead = '{\n  "x": [\n';
const wrapperTail = '\n  ]\n}';

/**
 * `JSON.stringify(value, null, 2) + '\n'` in pieces of about `pieceChars` characters: the elements
 * of the object's top-level arrays are stringified a few hundred at a time, so a large result (a
 * scan of 10,000 components prints some 30 MB) is never held as one string and one buffer.
 */
export function* prettyJsonPieces(value: Readonly<Record<string, unknown>>, pieceChars = 1 << 20): Generator<string> {
  const ready: string[] = [];
  let piece = '';
  const emit = (text: string) => {
    // A large text (a few hundred array elements) goes out as it is: appended to the piece it would
    // have to be copied into a new string first.
    if (text.length >= pieceChars >> 4) {
      if (piece.length > 0) ready.push(piece);
      piece = '';
      ready.push(text);
      return;
    }
    piece += text;
    if (piece.length >= pieceChars) {
      ready.push(piece);
      piece = '';
    }
  };
  const indent = (text: string, by: string) => text.replaceAll('\n', `\n${by}`);
  const entries = Object.entries(value).filter(
    ([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol',
  );
  if (entries.length === 0) {
    yield '{}\n';
    return;
  }
  emit('{\n');
  for (const [i, [key, v]] of entries.entries()) {
    emit(`  ${JSON.stringify(key)}: `);
    if (Array.isArray(v) && v.length > 0) {
      emit('[\n');
      // Elements a few hundred at a time, stringified inside a one-key object so that the platform
      // indents them as they stand here (4 spaces, commas between): the wrapper's first and last
      // lines are cut off. Re-indenting each element's text instead took 1.0–2.1 s for a benchmark
      // scan's 29 MB against 0.24–0.6 s now (same bytes).
      for (let j = 0; j < v.length; j += elementsPerPiece) {
        const text = JSON.stringify({ x: v.slice(j, j + elementsPerPiece) }, null, 2);
        emit(text.slice(wrapperHead.length, text.length - wrapperTail.length));
        emit(j + elementsPerPiece < v.length ? ',\n' : '\n');
        yield* ready.splice(0);
      }
      emit('  ]');
    } else emit(indent(JSON.stringify(v, null, 2), '  '));
    emit(i < entries.length - 1 ? ',\n' : '\n');
    yield* ready.splice(0);
  }
  emit('}\n');
  yield* ready.splice(0);
  yield piece;
}

/** prettyJsonPieces, written synchronously. */
export function writePrettyJson(write: (text: string) => void, value: Readonly<Record<string, unknown>>, pieceChars = 1 << 20): void {
  for (const piece of prettyJsonPieces(value, pieceChars)) write(piece);
}

/**
 * prettyJsonPieces to standard output, each piece once the stream is ready for more (`drained`,
 * drainedOf in io.ts: after a piece that filled its buffer, once that has gone): a reader slower than
 * the scan (a pipe) holds back the next piece instead of every piece piling up in memory.
 */
export async function printPrettyJson(io: CliIo, value: Readonly<Record<string, unknown>>): Promise<void> {
  for (const piece of prettyJsonPieces(value)) {
    io.stdout(piece);
    if (io.drained) await io.drained();
  }
}
