import { describe, expect, it } from 'vitest';
import {
  hospitalAuthor,
  hospitalContact,
  hospitalEntity,
  isRoleAddress,
  isRoleName,
  withoutPersonalAddresses,
} from './personal-data.js';

describe('role addresses', () => {
  it.each([
    ['psirt@acme.example', true],
    ['PSIRT@acme.example', true],
    ['product-security@acme.example', true],
    ['product.security+sbom@acme.example', true],
    ['security_team@acme.example', true],
    ['no-reply@acme.example', true],
    ['sbom@acme.example', true],
    ['taro@acme.example', false],
    ['taro.security@acme.example', false],
    ['jsmith-psirt@acme.example', false],
    ['psirt2@acme.example', false],
    ['@acme.example', false],
    ['not an address', false],
  ])('%s → %s', (email, role) => {
    expect(isRoleAddress(email)).toBe(role);
  });
});

describe('role names', () => {
  it.each([
    ['ACME PSIRT', true],
    ['Product Security Team', true],
    ['Customer Support', true],
    ['製品セキュリティ窓口', true],
    ['サポートセンター', true],
    ['山田 花子', false],
    ['阿部 一郎', false],
    ['Jane Doe', false],
    ['Securitas Jones', false],
  ])('%s → %s', (name, role) => {
    expect(isRoleName(name)).toBe(role);
  });
});

describe('contacts', () => {
  it('document authors are people: the name stays, address and phone go; no name, no author', () => {
    expect(hospitalAuthor({ name: 'Jane Doe', email: 'jane@example.org', phone: '+1-555-0100' })).toEqual({
      name: 'Jane Doe',
      email: null,
      phone: null,
    });
    expect(hospitalAuthor({ name: 'ACME PSIRT', email: 'psirt@acme.example', phone: null })).toEqual({
      name: 'ACME PSIRT',
      email: null,
      phone: null,
    });
    expect(hospitalAuthor({ name: null, email: 'jane@example.org', phone: null })).toBeNull();
    expect(hospitalAuthor({ name: '  ', email: null, phone: '+1-555-0100' })).toBeNull();
  });

  it.each([
    // [contact, kept]
    [
      { name: 'Jane Doe', email: 'jane@example.org', phone: '+1-555-0100' },
      { name: 'Jane Doe', email: null, phone: null },
    ],
    [
      { name: '山田 花子', email: 'psirt@acme.example', phone: '+81-3-0000-0000' },
      { name: '山田 花子', email: 'psirt@acme.example', phone: null },
    ],
    [
      { name: 'ACME PSIRT', email: 'psirt@acme.example', phone: '+81-3-0000-0000' },
      { name: 'ACME PSIRT', email: 'psirt@acme.example', phone: '+81-3-0000-0000' },
    ],
    [
      { name: 'ACME PSIRT', email: 'taro@acme.example', phone: '+81-3-0000-0000' },
      { name: 'ACME PSIRT', email: null, phone: null },
    ],
    [
      { name: null, email: 'security@acme.example', phone: '+81-3-0000-0000' },
      { name: null, email: 'security@acme.example', phone: '+81-3-0000-0000' },
    ],
    [
      { name: null, email: null, phone: '+81-3-0000-0000' },
      { name: null, email: null, phone: '+81-3-0000-0000' },
    ],
    [{ name: null, email: 'taro@acme.example', phone: null }, null],
    [{ name: '', email: 'taro@acme.example', phone: '+81-3-0000-0000' }, null],
  ])('an organisation contact %o → %o', (contact, kept) => {
    expect(hospitalContact(contact)).toEqual(kept);
  });

  it('an organisation keeps its name, its web URLs and role mailto URLs', () => {
    expect(
      hospitalEntity({
        name: 'ACME',
        url: [
          'https://acme.example/',
          'mailto:taro@acme.example',
          'mailto:psirt@acme.example',
          'MAILTO:security%40acme.example',
        ],
        contact: [{ name: null, email: 'taro@acme.example', phone: null }],
      }),
    ).toEqual({
      name: 'ACME',
      url: ['https://acme.example/', 'mailto:psirt@acme.example', 'MAILTO:security%40acme.example'],
      contact: [],
    });
  });
});

describe('texts that name people', () => {
  it.each([
    ['Jane Doe <jane@example.org>', 'Jane Doe'],
    ['Jane Doe (jane@example.org)', 'Jane Doe'],
    ['Person: Jane Doe (jane@example.org)', 'Person: Jane Doe'],
    ['Jane Doe [mailto:jane@example.org]', 'Jane Doe'],
    ['Jane <jane@example.org>, John <john.smith@example.co.jp>', 'Jane, John'],
    ['Copyright (c) 2016 Azer Koçulu <azer@left-pad.example>', 'Copyright (c) 2016 Azer Koçulu'],
    ['Copyright 2020 ACME PSIRT <psirt@acme.example>', 'Copyright 2020 ACME PSIRT <psirt@acme.example>'],
    ['jane@example.org', null],
    ['The Apache Software Foundation', 'The Apache Software Foundation'],
    ['  spaced  text  ', '  spaced  text  '],
    ['山田 花子 <hanako.yamada@例え.jp>', '山田 花子'],
  ])('%s → %s', (text, out) => {
    expect(withoutPersonalAddresses(text)).toBe(out);
  });

  it('null stays null', () => {
    expect(withoutPersonalAddresses(null)).toBeNull();
  });
});
