/**
 * Benchmarks: `npm run bench [-- SUITE …]`. Each suite measures work against a baseline measured
 * in the same run on the same machine, and prints ratios (never absolute pass/fail timings).
 */
import { suites } from './suites.js';

const wanted = process.argv.slice(2);
const selected = wanted.length === 0 ? Object.keys(suites) : wanted;
for (const name of selected) {
  const suite = suites[name];
  if (!suite) {
    console.error(`Unknown benchmark suite "${name}". Known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name}: ${suite.description}`);
  await suite.run();
}
