#!/usr/bin/env node
// The `mamori` command. Runs the compiled CLI (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('mamori is not built yet: run `npm run build` (npm ci does it for you).\n');
  process.exit(3);
}
await import(main.href);
