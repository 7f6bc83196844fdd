/**
 * Test helper: files and vulnerability databases in a temporary folder, the databases closed after
 * each test. Call `tempVulnDbs` at the top level of a test file (it registers the `afterEach`).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openVulnDb, type VulnDb } from './database.js';

export function tempVulnDbs(prefix: string): {
  /** The temporary folder. */
  dir: string;
  file: (name: string, content: string | Buffer) => string;
  freshDb: () => VulnDb;
  /** Databases closed after each test (push any other one opened). */
  opened: VulnDb[];
} {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  let n = 0;
  const opened: VulnDb[] = [];
  afterEach(() => {
    for (const db of opened.splice(0)) db.close();
  });
  return {
    dir,
    opened,
    file: (name, content) => {
      const f = path.join(dir, `${n++}-${name}`);
      writeFileSync(f, content);
      return f;
    },
    freshDb: () => {
      const db = openVulnDb(path.join(dir, `db-${n++}.sqlite`));
      opened.push(db);
      return db;
    },
  };
}
