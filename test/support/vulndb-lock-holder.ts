/**
 * A second process for the vulnerability-database concurrency tests (src/vulndb/open.test.ts): takes
 * the write lock of the file (marking a new file as a WAL vulnerability database first, as the first
 * steps of opening do), prints `locked`, holds the lock for the given milliseconds, lets it go and
 * opens the database itself (creating or upgrading its schema, its progress messages on stdout), as
 * another `mamori feeds` command started at the same moment would. Exit 0 only if that open succeeded.
 */
import Database from 'better-sqlite3';
import { openVulnDb, vulnDbApplicationId } from '../../src/vulndb/database.js';

const [file = '', holdMs = '0'] = process.argv.slice(2);
const raw = new Database(file);
raw.pragma('busy_timeout = 10000');
if (raw.pragma('application_id', { simple: true }) !== vulnDbApplicationId)
  raw.pragma(`application_id = ${vulnDbApplicationId}`);
raw.pragma('journal_mode = WAL');
raw.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\n');
await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
raw.exec('ROLLBACK');
raw.close();
try {
  openVulnDb(file, { onMigrate: (m) => process.stdout.write(`${m}\n`) }).close();
  process.stdout.write('opened\n');
} catch (e) {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
}
