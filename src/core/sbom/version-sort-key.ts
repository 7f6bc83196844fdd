/**
 * The key the component inventory sorts versions by (stored as `components.version_key`, migration
 * 0018), so that a database orders them naturally by comparing text: "1.10.0" after "1.9.0", "12.0.1"
 * after "9.1.1".
 *
 * Every run of digits becomes its length in two digits followed by the digits without leading zeros
 * ("9" → "019", "12" → "0212", "0" → "010"): between two runs, the shorter number sorts first and
 * numbers of one length compare digit by digit, which is numeric order. Everything else is kept,
 * ASCII letters lower-cased ("1.2.3-RC1" → "011.012.013-rc011"), so text that is not a number still
 * sorts as text, and a digit still sorts before a letter. The key is for ordering only: "1.01" and
 * "1.1" get the same key (the inventory then keeps document order). Runs of more than 99 digits keep
 * the prefix "99" (they compare as text among themselves).
 *
 * It is not any ecosystem's version order (semver pre-releases, Debian epochs and tildes, PEP 440):
 * an inventory mixes ecosystems, and this order is the one people expect when reading a column.
 */
/**
 * One pass over the characters: it runs for every stored component. 50,000 versions of the upload
 * benchmark: 14–39 ms on a busy two-core machine, against 53–74 ms for a regular-expression replace.
 */
export function versionSortKey(version: string | null): string | null {
  if (version === null) return null;
  let out = '';
  let i = 0;
  const n = version.length;
  while (i < n) {
    const c = version.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      // A run of digits: skip leading zeros (keeping one digit), then its length and its digits.
      let start = i;
      while (start + 1 < n && version.charCodeAt(start) === 0x30 && isDigit(version.charCodeAt(start + 1))) start++;
      let end = start + 1;
      while (end < n && isDigit(version.charCodeAt(end))) end++;
      const length = end - start;
      out += (length < 10 ? '0' + length : length < 100 ? String(length) : '99') + version.slice(start, end);
      i = end;
    } else {
      let end = i + 1;
      while (end < n && !isDigit(version.charCodeAt(end))) end++;
      const text = version.slice(i, end);
      out += upper.test(text) ? text.replace(upperAll, (x) => x.toLowerCase()) : text;
      i = end;
    }
  }
  return out;
}

const upper = /[A-Z]/;
const upperAll = /[A-Z]+/g;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
