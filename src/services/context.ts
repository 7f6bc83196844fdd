import { createHash } from 'node:crypto';
import { uuidv7 } from './ids.js';
import type { Store } from '../store/connect.js';

/**
 * What every use-case receives: the store, and the sources of time and identity, injected so that
 * tests can fix them.
 */
export interface ServiceContext {
  readonly store: Store;
  readonly clock: () => Date;
  readonly newId: () => string;
  readonly sha256: (text: string) => string;
  /** Session lifetime for logins, in minutes (from configuration). */
  readonly sessionTtlMinutes: number;
  /**
   * Uploaded SBOMs of at least this many bytes are read on the reader thread while this one stores
   * their components (services/sbom-read-offload.ts, ADR 0007 addendum 7); smaller ones here. Infinity: never.
   */
  readonly sbomReaderThreadMinBytes: number;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function createServiceContext(
  store: Store,
  options: Partial<Omit<ServiceContext, 'store'>> = {},
): ServiceContext {
  return {
    store,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? (() => uuidv7()),
    sha256: options.sha256 ?? sha256Hex,
    sessionTtlMinutes: options.sessionTtlMinutes ?? 12 * 60,
    sbomReaderThreadMinBytes: options.sbomReaderThreadMinBytes ?? 1 << 22,
  };
}

export function nowIso(ctx: ServiceContext): string {
  return ctx.clock().toISOString();
}
