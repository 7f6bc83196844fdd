import { describe, expect, it } from 'vitest';
import { productIssues, normalizeProductInput } from './product.js';
import { isIsoDate, releaseIssues } from './release.js';
import { authorize } from './actor.js';
import { can, permissions, permissionDescriptions } from './role.js';
import { passwordProblem } from './user.js';

describe('roles', () => {
  it.each([
    ['admin', 'user.write', true],
    ['editor', 'product.write', true],
    ['editor', 'user.write', false],
    ['viewer', 'product.read', true],
    ['viewer', 'audit.read', true],
    ['viewer', 'product.write', false],
  ] as const)('%s may %s: %s', (role, permission, expected) => {
    expect(can(role, permission)).toBe(expected);
  });
});

describe('authorize', () => {
  const actor = (role: 'admin' | 'editor' | 'viewer') => ({ userId: 'u', organizationId: 'o', role, name: 'a@example.jp', via: 'token' as const });

  it('refuses with a sentence that names the action and the permission', () => {
    expect(authorize(actor('viewer'), 'product.write')).toEqual({
      ok: false,
      error: {
        code: 'auth.forbidden',
        message: 'The role "viewer" may not change products and their records (product.write).',
        details: { permission: 'product.write', role: 'viewer' },
      },
    });
    expect(authorize(actor('editor'), 'user.write')).toMatchObject({
      error: { message: 'The role "editor" may not manage users (user.write).' },
    });
    expect(authorize(actor('admin'), 'user.write')).toEqual({ ok: true, value: true });
  });

  it('describes every permission', () => {
    for (const permission of permissions) expect(permissionDescriptions[permission], permission).toMatch(/^[a-z]+ .+[a-z]$/);
  });
});

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['1900-02-29', false],
    ['2000-02-29', true],
    ['2026-04-31', false],
    ['2026-4-01', false],
    ['2026-04-01T00:00:00Z', false],
  ])('%s → %s', (value, expected) => expect(isIsoDate(value)).toBe(expected));
});

describe('release rules', () => {
  const base = { version: '1.0', releaseDate: '2025-04-01', stage: 'support' as const, endOfLife: null, endOfSupport: null, notes: '' };
  it('accepts a supported release', () => expect(releaseIssues(base)).toEqual([]));
  it('a development release needs no date', () =>
    expect(releaseIssues({ ...base, stage: 'development', releaseDate: null })).toEqual([]));
  it('a release on the market needs its date', () =>
    expect(releaseIssues({ ...base, releaseDate: null }).map((i) => i.path)).toEqual(['releaseDate']));
  it('EOL and EOS cannot precede the release', () =>
    expect(releaseIssues({ ...base, endOfLife: '2024-01-01', endOfSupport: '2025-03-31' }).map((i) => i.path)).toEqual([
      'endOfLife',
      'endOfSupport',
    ]));
  it('end of support needs the EOS date', () =>
    expect(releaseIssues({ ...base, stage: 'end_of_support' }).map((i) => i.path)).toEqual(['endOfSupport']));
});

describe('product rules', () => {
  const base = { name: 'P', modelNumbers: ['A'], manufacturer: 'M', deviceClass: null, isSamd: false, useEnvironments: [], connectivity: [], description: '' };
  it('normalises whitespace and duplicates in sets', () => {
    expect(normalizeProductInput({ ...base, name: ' P ', modelNumbers: [' A '], connectivity: ['usb', 'usb'] })).toMatchObject({
      name: 'P',
      modelNumbers: ['A'],
      connectivity: ['usb'],
    });
  });
  it('"none" connectivity excludes all others', () =>
    expect(productIssues({ ...base, connectivity: ['none', 'usb'] }).map((i) => i.path)).toEqual(['connectivity']));
});

describe('password policy', () => {
  it.each([
    ['short', 'Use at least 12 characters.'],
    ['aaaaaaaaaaaaaaaa', 'Use more different characters.'],
    ['qa@example.com', 'The password must differ from the email address.'],
    ['correct horse battery staple', null],
  ])('%s → %s', (pw, problem) => expect(passwordProblem(pw, 'qa@example.com')).toBe(problem));
});
