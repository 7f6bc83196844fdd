/**
 * East Asian wide and full-width characters (CJK, kana, Hangul, full-width forms), which take two
 * columns in a terminal and about one em in a proportional font: used by the CLI's tables
 * (src/cli/output.ts) and the web app's diagram labels (web/src/pages/threats/geometry.ts).
 */
export function isEastAsianWide(codePoint: number): boolean {
  const cp = codePoint;
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
