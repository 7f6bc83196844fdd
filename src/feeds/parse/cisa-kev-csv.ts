/**
 * The CISA KEV catalog in its CSV form (known_exploited_vulnerabilities.csv, published beside the
 * JSON catalog): RFC 4180, a header row with the JSON catalog's field names (cveID, vendorProject,
 * product, vulnerabilityName, dateAdded, shortDescription, requiredAction, dueDate,
 * knownRansomwareCampaignUse, notes, cwes), quoted cells that may hold commas, quotes ("") and line
 * breaks; `cwes` is a comma-separated list. The CSV carries no catalogVersion or dateReleased.
 *
 * `readKevCsv` turns the rows into objects of the JSON catalog's shape, so the same entry check
 * (`parseKevEntry`) reads both forms; an empty optional cell is left out, as the JSON leaves it.
 */

/** Columns that mark a CSV file as the KEV catalog (the header row names them). */
const markerColumns = ['cveID', 'vendorProject', 'dateAdded'] as const;

/** Whether a CSV header line is the KEV catalog's. */
export function isKevCsvHeader(line: string): boolean {
  const cells = line.replace(/^\uFEFF/, '').split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
  return markerColumns.every((c) => cells.includes(c));
}

export type KevCsv =
  | { readonly ok: true; readonly vulnerabilities: readonly Record<string, unknown>[] }
  | { readonly ok: false; readonly error: string };

/** Reads the rows of a KEV CSV; a file without the KEV header, or too many rows, is an error (never throws). */
export function readKevCsv(text: string, limits: { maxEntries?: number } = {}): KevCsv {
  const maxEntries = limits.maxEntries ?? 100_000;
  const rows = csvRows(text.replace(/^\uFEFF/, ''), maxEntries + 1);
  if (rows === null) return { ok: false, error: 'a quoted cell is not closed' };
  const header = rows[0];
  if (!header || !markerColumns.every((c) => header.includes(c)))
    return { ok: false, error: `not the CISA KEV catalog: the header must name ${markerColumns.join(', ')}` };
  const body = rows.slice(1).filter((r) => !(r.length === 1 && r[0] === ''));
  if (body.length > maxEntries) return { ok: false, error: `more than ${maxEntries} entries` };
  const vulnerabilities = body.map((cells) => {
    const o: Record<string, unknown> = {};
    header.forEach((name, i) => {
      const value = cells[i] ?? '';
      if (name === '' || name === '__proto__') return;
      if (name === 'cwes')
        o.cwes = value
          .split(',')
          .map((c) => c.trim())
          .filter((c) => c !== '');
      else if ((name === 'knownRansomwareCampaignUse' || name === 'notes') && value === '') return;
      else o[name] = value;
    });
    return o;
  });
  return { ok: true, vulnerabilities };
}

/** RFC 4180 rows (CRLF or LF); null when a quoted cell does not end. At most `maxRows` rows are read. */
function csvRows(text: string, maxRows: number): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const ch = text[i]!;
    if (ch === '"' && cell === '') {
      // A quoted cell: up to the closing quote; "" is one quote.
      let j = i + 1;
      for (;;) {
        const q = text.indexOf('"', j);
        if (q === -1) return null;
        cell += text.slice(j, q);
        if (text[q + 1] === '"') {
          cell += '"';
          j = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      continue;
    }
    if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      row.push(cell);
      cell = '';
      rows.push(row);
      row = [];
      if (rows.length > maxRows) return rows;
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}
