/**
 * How searches compare text: Unicode compatibility normalisation (NFKC) and then lower case, so
 * that full-width and half-width forms and letter case do not matter ("Ｘ線" finds "x線" and "X線",
 * "ﾎﾟﾝﾌﾟ" finds "ポンプ"). The store applies the same fold to the searched columns: on SQLite the
 * function `mamori_fold` that every connection registers (this function), on PostgreSQL the SQL
 * function of migration 0017 (`lower(normalize(text, NFKC))`).
 */
/** Printable ASCII only (other text takes the normalising path, whose result is the same for ASCII). */
const ascii = /^[ -~]*$/;

export function searchFold(text: string): string {
  // Printable ASCII is already NFKC: only its case changes.
  return ascii.test(text) ? text.toLowerCase() : text.normalize('NFKC').toLowerCase();
}

/** Whether two names are the same for a search (`searchFold` of both equal). */
export function sameFolded(a: string, b: string): boolean {
  return searchFold(a) === searchFold(b);
}
