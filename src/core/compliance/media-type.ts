/**
 * The media type of an uploaded evidence file when the client names none (a browser sends an empty
 * type, or `application/octet-stream`, for many files: QA ra report 6, a PDF stored as
 * octet-stream). Read from the file's first bytes (its magic number) and, failing that, its name.
 * What the client names otherwise is kept as given.
 */

/** Magic numbers of the formats evidence usually comes in; ZIP-based Office files are told by their name. */
const magic: readonly { readonly bytes: readonly number[]; readonly offset?: number; readonly type: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], type: 'application/pdf' }, // %PDF-
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], type: 'image/png' },
  { bytes: [0xff, 0xd8, 0xff], type: 'image/jpeg' },
  { bytes: [0x47, 0x49, 0x46, 0x38], type: 'image/gif' }, // GIF8
  { bytes: [0x49, 0x49, 0x2a, 0x00], type: 'image/tiff' },
  { bytes: [0x4d, 0x4d, 0x00, 0x2a], type: 'image/tiff' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], type: 'application/x-ole-storage' }, // legacy Office
  { bytes: [0x50, 0x4b, 0x03, 0x04], type: 'application/zip' },
  { bytes: [0x1f, 0x8b], type: 'application/gzip' },
];

const byExtension: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  zip: 'application/zip',
  gz: 'application/gzip',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

function startsWith(bytes: Uint8Array, sig: readonly number[], offset = 0): boolean {
  if (bytes.byteLength < offset + sig.length) return false;
  return sig.every((b, i) => bytes[offset + i] === b);
}

/** Whether the client named no real type: nothing, or the generic `application/octet-stream`. */
function unnamed(mediaType: string | null): boolean {
  if (mediaType === null) return true;
  const t = mediaType.split(';')[0]!.trim().toLowerCase();
  return t === '' || t === 'application/octet-stream';
}

/**
 * The media type to keep for an uploaded file: the client's, unless it named none; then the magic
 * number's (a ZIP or OLE file: its name decides which Office format), then the name's, else
 * `application/octet-stream`.
 */
export function evidenceMediaType(given: string | null, fileName: string, bytes: Uint8Array): string {
  if (!unnamed(given)) return given!.trim();
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const named = byExtension[ext];
  const found = magic.find((m) => startsWith(bytes, m.bytes, m.offset));
  if (found) {
    // Office files are ZIP (OOXML) or OLE containers: the name tells which document they are.
    if ((found.type === 'application/zip' || found.type === 'application/x-ole-storage') && named && named !== 'application/zip') return named;
    return found.type;
  }
  return named ?? 'application/octet-stream';
}
