/**
 * Display numbers of catalog entries: ids that are clause numbers stay as they are; slugs of the
 * guidance and notices (items without a number of their own) are cited by the section they belong
 * to, or by their title. Every shipped entry's display number is a number, never a slug.
 */
import { describe, expect, it } from 'vitest';
import { catalogs } from '../../catalogs/index.js';
import { entryNumber, entryRef } from './catalog.js';

describe('entry display numbers', () => {
  it.each([
    ['5.7.1', '5.7.1'], // IEC 81001-5-1 clause
    ['F.2', 'F.2'], // IEC Annex F
    ['A.3', 'A.3'], // MHLW guidance Annex A
    ['5.A', '5.A'], // MHLW guidance 5 item A
    ['b.2.A', 'b.2.A'], // FD&C Act 524B(b)(2)(A)
    ['6.6.milestones.release', '6.6'], // MHLW guidance 6.6, Table 2 milestone
    ['4.3.REQUIRED', '4.3'], // IEC 4.3 software item category
    ['1.3.MDR-17.2', '1.3'], // MDCG 2019-16 1.3
    ['conformity.test-lab', ''], // Essential Principles: how conformity is shown
    ['existing.organization', ''], // 0523 notice section 2 item
    ['jis.1', ''], // 0523 notice section 1 item (its number is in the title)
  ])('%s → %s', (id, n) => {
    expect(entryNumber(id)).toBe(n);
  });

  it('refers to a slug entry by its section number and title, to a numbered one by its number', () => {
    expect(entryRef({ id: '8', title: { ja: '構成管理', en: 'Configuration management' } }, 'en')).toBe('8');
    expect(entryRef({ id: '6.6.milestones.release', title: { ja: '販売開始時の提供情報', en: 'At commercial release' } }, 'ja')).toBe('6.6 販売開始時の提供情報');
    expect(entryRef({ id: 'existing.organization', title: { ja: 'セキュリティ体制・ISAO・CVD', en: 'Security organisation, ISAO and CVD' } }, 'en')).toBe('Security organisation, ISAO and CVD');
  });

  it('no shipped entry is displayed with a slug segment', () => {
    for (const c of catalogs)
      for (const e of c.entries) expect(entryNumber(e.id), `${c.id}#${e.id}`).toMatch(/^$|^(\d+|[A-Za-z])(\.(\d+|[A-Za-z]))*$/);
  });
});
