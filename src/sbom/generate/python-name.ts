/** PyPI project names in their normalised form (PEP 503 / packaging "Names and normalization"): `Zope.Interface` → `zope-interface`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
