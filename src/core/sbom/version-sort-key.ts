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
const digits = /\d+/g;
const upper = /[A-Z]/;

function digitRun(run: string): string {
  let start = 0;
  while (start < run.length - 1 && run.charCodeAt(start) === 0x30) start++;
  const n = run.length - start;
  return (n < 10 ? `0${n}` : n < 100 ? `${n}` : '99') + (start === 0 ? run : run.slice(start));
}

export function versionSortKey(version: string | null): string | null {
  if (version === null) return null;
  const text = upper.test(version) ? version.replace(/[A-Z]+/g, (s) => s.toLowerCase()) : version;
  return text.replace(digits, digitRun);
}
