/** Small display helpers for the release pages. */
import { today } from '../../format.js';

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** `past` when the date has passed, `soon` when it is within the next 12 months. */
export function supportUrgency(date: string | null, now: string = today()): 'past' | 'soon' | null {
  if (!date || !/^\d{4}-\d{2}-\d{2}/.test(date)) return null;
  const d = date.slice(0, 10);
  if (d < now) return 'past';
  const [y, m, day] = now.split('-');
  const inAYear = `${Number(y) + 1}-${m}-${day}`;
  return d <= inAYear ? 'soon' : null;
}

export function formatName(group: string | null, name: string): string {
  return group ? `${group}/${name}` : name;
}

/**
 * The one file a drop uploads, or the names of the files when several were dropped: a release has
 * one current SBOM (the newest upload), so uploading them in turn would only keep the last one as
 * the inventory. They are refused together, named, and none is uploaded.
 */
export function droppedFile<F extends { readonly name: string }>(
  files: ArrayLike<F>,
): { readonly file: F | null } | { readonly several: readonly string[] } {
  if (files.length > 1) return { several: Array.from(files, (f) => f.name) };
  return { file: files[0] ?? null };
}
