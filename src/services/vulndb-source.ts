/**
 * The server's handle on the vulnerability database (docs/adr/0010-vulnerability-database.md): the
 * SQLite file is opened read-only on first use, not at start-up, so a server without imported feeds
 * runs and says "no feeds imported yet" instead of failing. After an import (by `mamori feeds import`
 * in another process, or by the server) the sequence number moves and the handle is reopened, so no
 * cached lookups outlive the data they came from.
 */
import { existsSync } from 'node:fs';
import { openVulnDb, VulnDbError } from '../vulndb/database.js';
import type { VulnDbReader } from '../vulndb/reader.js';

export interface VulnDbSource {
  /** The file, shown to people when it is missing. */
  readonly path: string;
  /** The database, or null while the file does not exist (no feeds imported yet). */
  reader(): VulnDbReader | null;
  /** Why the last open failed (a file of another schema version, a broken file), or null. */
  problem(): string | null;
  close(): void;
}

export function vulnDbSource(file: string): VulnDbSource {
  let current: VulnDbReader | null = null;
  let seq = -1;
  let problem: string | null = null;
  const drop = () => {
    current?.close();
    current = null;
  };
  return {
    path: file,
    reader() {
      if (current) {
        let now: number;
        try {
          now = current.lastSeq();
        } catch {
          now = -2;
        }
        if (now === seq) return current;
        drop();
      }
      if (!existsSync(file)) {
        problem = null;
        return null;
      }
      try {
        current = openVulnDb(file, { readonly: true });
        seq = current.lastSeq();
        problem = null;
        return current;
      } catch (e) {
        if (!(e instanceof VulnDbError)) throw e;
        problem = e.message;
        return null;
      }
    },
    problem: () => problem,
    close: drop,
  };
}

/** A source over a reader that is already open (tests, the CLI with a local database). */
export function fixedVulnDbSource(reader: VulnDbReader | null, path = '(in memory)'): VulnDbSource {
  return { path, reader: () => reader, problem: () => null, close: () => reader?.close() };
}
