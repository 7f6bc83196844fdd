// Type-aware lint for the whole package; `npm run check` runs it with --max-warnings 0.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.mamori/**', 'test-results/**', 'bin/**', 'eslint.config.js', 'docs/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config.ts (loadConfig), not process.env.',
        },
      ],
    },
  },
  {
    // core is pure: no Node built-ins, no I/O, no frameworks (DESIGN.md).
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process'], message: 'core is pure: no Node APIs.' },
            { group: ['**/store/**', '**/services/**', '**/server/**', '**/cli/**', '**/feeds/**', '**/reports/**'], message: 'core depends on nothing above it.' },
            { group: ['kysely', 'fastify', 'zod', 'react', 'commander', 'pino'], message: 'core is framework-free.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/store/**', '**/services/**', '**/server/**', '**/cli/**'], message: 'contract depends only on core and zod.' }] },
      ],
    },
  },
  {
    files: ['src/store/**/*.ts'],
    ignores: ['src/store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/services/**', '**/server/**', '**/cli/**'], message: 'store must not depend on services, server or cli.' }] },
      ],
    },
  },
  {
    files: ['src/services/**/*.ts'],
    ignores: ['src/services/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/**', '**/cli/**'], message: 'services must not depend on server or cli.' }] },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/store/**', '**/src/services/**', '**/src/server/**', '**/src/cli/**', 'node:*'], message: 'web talks to the server only through the contract.' }] },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**/*.ts', 'bench/**/*.ts', 'src/**/*.test.ts', 'vitest.config.ts', 'src/cli/io.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
