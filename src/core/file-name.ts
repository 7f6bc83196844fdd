/**
 * File names of downloads: SBOM exports and originals, VEX and CSAF, evidence files, compliance and
 * security risk reports, threat models.
 *
 * The parts of a name come from what users typed (a product name, a release version, a model title),
 * often in Japanese, and stay readable: Unicode letters, marks and digits are kept, in NFC (a name
 * typed on macOS, which decomposes, gives the same file name as one typed elsewhere), and so is every
 * punctuation mark that file systems accept. Each run of the following becomes one `_`:
 * - control, format, private-use, surrogate and unassigned code points (Unicode category C; tabs and
 *   line breaks, and a bidirectional override that could disguise the extension), except the
 *   zero-width joiner and non-joiner that some scripts and emoji need;
 * - line and paragraph separators;
 * - the characters Windows forbids in names: < > : " / \ | ? *
 * Spaces stay (a name "輸液ポンプ IP-300" is saved as typed); leading and trailing ones are trimmed.
 *
 * A whole name (safeFileName) also loses leading dots (no hidden file, no `..`) and trailing dots
 * and spaces (Windows drops them),
 * gets a `_` before a Windows device name (CON, NUL, COM1, …) and is cut to fileNameMaxBytes of
 * UTF-8 at a character boundary, keeping its extension. Both functions are idempotent.
 */

/** The most UTF-8 bytes of a file name (file systems allow 255; browsers add " (1)" to repeats). */
export const fileNameMaxBytes = 200;

/** Category C but the zero-width (non-)joiner, which Indic and Persian text and emoji sequences need. */
const unsafeRun = /(?:(?![\u200C\u200D])[\p{C}\p{Zl}\p{Zp}<>:"/\\|?*])+/gu;
const windowsDevice = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
/** Up to three short ASCII suffixes: `.json`, `.cdx.json`, `.ja.pdf`. */
const extension = /(?:\.[A-Za-z0-9]{1,10}){1,3}$/;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** One part of a file name (a product name, a version): trimmed, in NFC, each unsafe run replaced by `_`. */
export function fileNamePart(text: string): string {
  return text.trim().normalize('NFC').replace(unsafeRun, '_');
}

/** The first characters of `text` (whole graphemes) that fit in `maxBytes` of UTF-8. */
function cut(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const { segment } of graphemes.segment(text)) {
    const size = utf8Length(segment);
    if (bytes + size > maxBytes) break;
    out += segment;
    bytes += size;
  }
  return out;
}

/**
 * A whole file name that is safe to save under on Windows, macOS and Linux, readable in the user's
 * language; `fallback` when nothing of `name` is left.
 */
export function safeFileName(name: string, fallback = 'download'): string {
  const safe = fileNamePart(name)
    .replace(/^[\s.]+/, '')
    .replace(/[\s.]+$/, '');
  if (/^_*$/.test(safe)) return fallback;
  const ext = extension.exec(safe)?.[0] ?? '';
  let stem = safe.slice(0, safe.length - ext.length);
  if (windowsDevice.test(stem.split('.')[0]!)) stem = `_${stem}`;
  if (utf8Length(stem) + ext.length > fileNameMaxBytes)
    stem = cut(stem, fileNameMaxBytes - ext.length).replace(/[\s.]+$/, '');
  return `${stem}${ext}`;
}
