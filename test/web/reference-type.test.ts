/**
 * The reference types of a vulnerability record on the vulnerability page
 * (web/src/pages/vulns/reference-type.ts): every OSV type (OSV schema `references[].type`) named in
 * Japanese and English (QA jaui #8: the Japanese page showed `ADVISORY`, `WEB`); an unknown type as it is.
 */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { osvReferenceTypes } from '../../src/core/vulns/advisory.js';
import { nvdReferenceTags, referenceTypeLabel } from '../../web/src/pages/vulns/reference-type.js';
import { webT } from '../support/web-i18n.js';

let ja: TFunction;
let en: TFunction;
beforeAll(async () => {
  ja = await webT('ja');
  en = await webT('en');
});

describe('referenceTypeLabel', () => {
  it('names the OSV reference types in both languages', () => {
    expect(osvReferenceTypes.map((type) => referenceTypeLabel(type, ja))).toEqual([
      'アドバイザリ',
      '記事',
      '検出方法',
      '議論',
      '報告',
      '修正',
      '混入した変更',
      'Git リポジトリ',
      'パッケージ',
      '実証',
      'Web ページ',
    ]);
    expect(osvReferenceTypes.map((type) => referenceTypeLabel(type, en))).toEqual([
      'Advisory',
      'Article',
      'Detection',
      'Discussion',
      'Report',
      'Fix',
      'Introduced by',
      'Git repository',
      'Package',
      'Evidence',
      'Web page',
    ]);
  });

  it('names the NVD reference tags in both languages (QA secops #15: "Vendor Advisory" stayed English in Japanese)', () => {
    expect(referenceTypeLabel('Vendor Advisory', ja)).toBe('ベンダーのアドバイザリ');
    expect(referenceTypeLabel('Broken Link', ja)).toBe('リンク切れ');
    expect(referenceTypeLabel('Press/Media Coverage', ja)).toBe('報道');
    expect(referenceTypeLabel('Vendor Advisory', en)).toBe('Vendor advisory');
    for (const tag of Object.keys(nvdReferenceTags)) {
      expect(referenceTypeLabel(tag, ja)).not.toMatch(/^[\x20-\x7e]+$/);
      expect(referenceTypeLabel(tag, en)).not.toContain('nvdReferenceTag');
    }
  });

  it('shows a type the OSV schema does not list as the record has it', () => {
    for (const type of [
      'SPONSOR',
      'advisory',
      'withdrawn',
      'referenceType',
      '',
      'vendor advisory',
      'toString',
    ]) {
      expect(referenceTypeLabel(type, ja)).toBe(type);
      expect(referenceTypeLabel(type, en)).toBe(type);
    }
  });
});
