/**
 * `npm run check`: the type checks (whole package, and core on its own stricter settings) and the
 * type-aware lint, run side by side rather than one after the other; fails if any of them fails.
 * ESLint and tsc keep their caches in node_modules/.cache (ESLint's by content, tsc's build info), so a
 * second run lints and re-checks only what changed: on the two-core machine a full check takes about two
 * minutes, a check after a small change a fraction of that.
 */
import { spawn } from 'node:child_process';

const steps: readonly (readonly [string, readonly string[]])[] = [
  ['types', ['tsc', '-p', 'tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/main.tsbuildinfo']],
  ['types (core)', ['tsc', '-p', 'src/core/tsconfig.json', '--noEmit', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/core.tsbuildinfo']],
  ['lint', ['eslint', '--max-warnings', '0', '--cache', '--cache-strategy', 'content', '--cache-location', 'node_modules/.cache/eslint/', '.']],
];

function run(name: string, args: readonly string[]): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    let output = '';
    const child = spawn('npx', ['--no-install', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      // Each step's output is printed whole once it ends, so parallel output never interleaves.
      process.stdout.write(`── ${name}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds} s\n${output}`);
      resolve(code === 0);
    });
  });
}

const results = await Promise.all(steps.map(([name, args]) => run(name, args)));
process.exitCode = results.every(Boolean) ? 0 : 1;
