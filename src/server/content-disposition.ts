/**
 * The Content-Disposition header of every download the server offers (RFC 6266): the file name made
 * safe by core's safeFileName, sent twice —
 * - `filename*=UTF-8''…` (RFC 8187, formerly 5987): the name in full, percent-encoded outside attr-char,
 *   which every current browser prefers;
 * - `filename="…"`: an ASCII fallback for older clients (each run of other characters, `%`, `"` and
 *   `\` becomes `_`; a name with nothing ASCII left is `download` with the extension).
 */
import { safeFileName } from '../core/file-name.js';

/** RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~". */
function extValue(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function asciiFallback(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]+|[%"\\]/g, '_').replace(/_{2,}/g, '_');
  const ext = /(?:\.[A-Za-z0-9]{1,10}){1,3}$/.exec(ascii)?.[0] ?? '';
  return /[A-Za-z0-9]/.test(ascii.slice(0, ascii.length - ext.length)) ? ascii : `download${ext}`;
}

/** `attachment; filename="<ASCII>"; filename*=UTF-8''<name>` for a file named `fileName`. */
export function attachment(fileName: string): string {
  const name = safeFileName(fileName);
  return `attachment; filename="${asciiFallback(name)}"; filename*=UTF-8''${extValue(name)}`;
}
