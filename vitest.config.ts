import { defineConfig } from 'vitest/config';

// One run, four tiers (see docs/ARCHITECTURE.md "Tests"): unit tests beside the code in src/,
// store tests on SQLite and PostgreSQL, API and CLI tests in src/server and src/cli, and
// end-to-end tests in test/e2e (real server, real Chromium). Conformance tests live in
// test/conformance and read ../shared/conformance.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 180_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
