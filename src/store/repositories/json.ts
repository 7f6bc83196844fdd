/** JSON columns hold arrays and documents written by mamori itself; a corrupt one is a bug. */
export function parseJsonArray<T extends string>(text: string, allowed: readonly T[]): T[];
export function parseJsonArray(text: string): string[];
export function parseJsonArray(text: string, allowed?: readonly string[]): string[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
    throw new Error(`Corrupt JSON list column: ${text.slice(0, 80)}`);
  return allowed ? value.filter((v) => allowed.includes(v)) : value;
}

export function parseJsonOrNull(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}
