import { describe, expect, it } from 'vitest';
import { compareCpeValues, type CompareVersions, cpeMatches, cpeNameMatches, formatCpe23, parseCpe, parseCpe22Uri, parseCpe23 } from './cpe.js';

const numeric: CompareVersions = (a, b) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if ([...pa, ...pb].some(Number.isNaN)) return undefined;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

function cpe(text: string) {
  const r = text.startsWith('cpe:/') ? parseCpe22Uri(text) : parseCpe23(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('parseCpe23 / formatCpe23 (NISTIR 7695 §6.2)', () => {
  it('unbinds * to ANY, - to NA, and quotes non-alphanumerics in the WFN (§6.2.3.2, §5.3.2)', () => {
    const c = cpe('cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:-');
    expect(c.vendor).toEqual({ kind: 'value', wfn: 'microsoft' });
    expect(c.version).toEqual({ kind: 'value', wfn: '8\\.0\\.6001' });
    expect(c.edition).toEqual({ kind: 'ANY' });
    expect(c.other).toEqual({ kind: 'NA' });
  });

  it('keeps escaped colons and ampersands inside a value (§6.2.3; NVD CVE-2022-1576)', () => {
    const c = cpe('cpe:2.3:a:wp_maintenance_mode_\\&_coming_soon_project:wp_maintenance_mode_\\&_coming_soon:*:*:*:*:*:wordpress:*:*');
    expect(c.product).toEqual({ kind: 'value', wfn: 'wp_maintenance_mode_\\&_coming_soon' });
    expect(cpe('cpe:2.3:a:acme\\:labs:widget:1.0:*:*:*:*:*:*:*').vendor).toEqual({ kind: 'value', wfn: 'acme\\:labs' });
  });

  it('round-trips: binding writes . - _ unescaped, other punctuation escaped (§6.2.2.2)', () => {
    for (const s of [
      'cpe:2.3:a:wp_maintenance_mode_\\&_coming_soon_project:wp_maintenance_mode_\\&_coming_soon:*:*:*:*:*:wordpress:*:*',
      'cpe:2.3:o:linux:linux_kernel:6.8:rc1:*:*:*:*:*:*',
      'cpe:2.3:h:espressif:esp32:-:*:*:*:*:*:*:*',
    ]) {
      expect(formatCpe23(cpe(s))).toBe(s);
    }
  });

  it.each([
    ['cpe:2.3:a:vendor:product:1.0:*:*:*:*:*:*', 'cpe.field_count'],
    ['cpe:2.2:a:vendor:product:1.0:*:*:*:*:*:*:*', 'cpe.not_cpe23'],
    ['cpe:2.3:x:vendor:product:1.0:*:*:*:*:*:*:*', 'cpe.invalid_part'],
    ['cpe:2.3:a:vendor:pro*duct:1.0:*:*:*:*:*:*:*', 'cpe.invalid_value'], // §6.2.3.2: * only at either end
    ['cpe:2.3:a::product:1.0:*:*:*:*:*:*:*', 'cpe.invalid_value'],
  ])('rejects %s (%s)', (text, code) => {
    const r = parseCpe23(text);
    expect(r.ok ? '' : r.error.code).toBe(code);
  });
});

describe('parseCpe (either binding)', () => {
  it('reads cpe:/ (any case) as a 2.2 URI and anything else as a 2.3 formatted string', () => {
    const upper = parseCpe('CPE:/o:WindRiver:VxWorks:7.0');
    expect(upper.ok && formatCpe23(upper.value)).toBe('cpe:2.3:o:windriver:vxworks:7.0:*:*:*:*:*:*:*');
    // QA sbomra defect 4: an escaped colon inside the version (NISTIR 7695 §6.2.3).
    const qt = parseCpe('cpe:2.3:a:qt:qt:5.15.2\\:lts:*:*:*:*:*:*:*');
    expect(qt.ok && qt.value.version).toEqual({ kind: 'value', wfn: '5\\.15\\.2\\:lts' });
    expect(qt.ok && formatCpe23(qt.value)).toBe('cpe:2.3:a:qt:qt:5.15.2\\:lts:*:*:*:*:*:*:*');
  });

  it('says how many fields it found and what is wrong with a value', () => {
    const short = parseCpe('cpe:2.3:o:windriver:vxworks');
    expect(short.ok ? null : short.error).toMatchObject({ code: 'cpe.field_count', found: 5 });
    const long = parseCpe('cpe:/a:v:p:1:u:e:l:extra');
    expect(long.ok ? null : long.error).toMatchObject({ code: 'cpe.field_count', found: 8 });
    for (const [text, attribute, problem] of [
      ['cpe:2.3:a::p:1:*:*:*:*:*:*:*', 'vendor', 'empty'],
      ['cpe:2.3:a:v:p:1:*:*:*:*:*:*:x\\', 'other', 'lone_backslash'],
      ['cpe:2.3:a:v:p*q:1:*:*:*:*:*:*:*', 'product', 'wildcard'],
      ['cpe:2.3:a:v:p:1 2:*:*:*:*:*:*:*', 'version', 'character'],
      ['cpe:/a:v%zz', 'vendor', 'percent'],
      ['cpe:/a:v:p:1:u:~a~b', 'edition', 'packed_edition'],
    ] as const) {
      const r = parseCpe(text);
      expect([text, r.ok ? null : r.error]).toMatchObject([text, { code: 'cpe.invalid_value', attribute, problem }]);
    }
  });
});

describe('parseCpe22Uri (NISTIR 7695 §6.1.3)', () => {
  it('unbinds the MyJVN HND URI form; missing components are ANY', () => {
    expect(formatCpe23(cpe('cpe:/h:corega:cg-wgr1200'))).toBe('cpe:2.3:h:corega:cg-wgr1200:*:*:*:*:*:*:*:*');
  });
  it('decodes %xx and unpacks ~ editions', () => {
    expect(formatCpe23(cpe('cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~'))).toBe(
      'cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:-:*:*:online:win2003:x64:*',
    );
    expect(cpe('cpe:/a:foo%21bar').vendor).toEqual({ kind: 'value', wfn: 'foo\\!bar' });
  });
});

describe('compareCpeValues (NISTIR 7696 §6.1 Table 6-2)', () => {
  const v = (wfn: string) => ({ kind: 'value', wfn }) as const;
  it.each([
    [{ kind: 'ANY' } as const, { kind: 'ANY' } as const, 'EQUAL'],
    [{ kind: 'ANY' } as const, { kind: 'NA' } as const, 'SUPERSET'],
    [{ kind: 'ANY' } as const, v('1\\.0'), 'SUPERSET'],
    [{ kind: 'NA' } as const, { kind: 'ANY' } as const, 'SUBSET'],
    [{ kind: 'NA' } as const, { kind: 'NA' } as const, 'EQUAL'],
    [{ kind: 'NA' } as const, v('1\\.0'), 'DISJOINT'],
    [v('1\\.0'), { kind: 'ANY' } as const, 'SUBSET'],
    [v('1\\.0'), { kind: 'NA' } as const, 'DISJOINT'],
    [v('1\\.0'), v('1\\.0'), 'EQUAL'],
    [v('Foo'), v('foo'), 'EQUAL'],
    [v('1\\.0'), v('1\\.1'), 'DISJOINT'],
    [v('1\\.*'), v('1\\.1'), 'SUPERSET'],
    [v('rc?'), v('rc1'), 'SUPERSET'],
    [v('1\\.0'), v('1\\.*'), 'UNDEFINED'],
  ] as const)('%j vs %j → %s', (source, target, relation) => {
    expect(compareCpeValues(source, target)).toBe(relation);
  });

  it('a name matches when every attribute is SUPERSET or EQUAL (§6.2)', () => {
    expect(cpeNameMatches(cpe('cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*'), cpe('cpe:2.3:o:linux:linux_kernel:6.8:rc1:*:*:*:*:*:*'))).toBe(true);
    expect(cpeNameMatches(cpe('cpe:2.3:o:linux:linux_kernel:-:*:*:*:*:*:*:*'), cpe('cpe:2.3:o:linux:linux_kernel:6.8:*:*:*:*:*:*:*'))).toBe(false);
  });
});

describe('cpeMatches (NVD cpeMatch criteria + version bounds)', () => {
  const samba = 'cpe:2.3:a:samba:samba:*:*:*:*:*:*:*:*';
  // CVE-2022-32746 (osv.dev-CVE-2022-32746.json): samba 4.3.0 <= v < 4.14.14
  const range = { versionStartIncluding: '4.3.0', versionEndExcluding: '4.14.14' };
  it.each([
    ['cpe:2.3:a:samba:samba:4.3.0:*:*:*:*:*:*:*', true, 'is >= 4.3.0 and < 4.14.14'],
    ['cpe:2.3:a:samba:samba:4.14.13:*:*:*:*:*:*:*', true, ''],
    ['cpe:2.3:a:samba:samba:4.14.14:*:*:*:*:*:*:*', false, 'is not < 4.14.14 (versionEndExcluding)'],
    ['cpe:2.3:a:samba:samba:4.2.9:*:*:*:*:*:*:*', false, 'is not >= 4.3.0'],
    ['cpe:2.3:a:samba:samba:*:*:*:*:*:*:*:*', false, 'not a concrete version'],
    ['cpe:2.3:a:other:samba:4.5:*:*:*:*:*:*:*', false, 'vendor: criteria samba is DISJOINT'],
    ['cpe:2.3:a:samba:samba:abc:*:*:*:*:*:*:*', false, 'cannot be compared'],
  ])('%s → %s', (candidate, matches, reason) => {
    const verdict = cpeMatches(samba, range, candidate, numeric);
    expect(verdict.matches).toBe(matches);
    expect(verdict.reason).toContain(reason);
  });

  it('Including / Excluding ends (versionStartExcluding, versionEndIncluding; CVE-1999-1341)', () => {
    const r = { versionStartExcluding: '2.3.0', versionEndIncluding: '2.3.18' };
    const k = 'cpe:2.3:o:linux:linux_kernel:*:*:*:*:*:*:*:*';
    expect(cpeMatches(k, r, 'cpe:2.3:o:linux:linux_kernel:2.3.0:*:*:*:*:*:*:*', numeric).matches).toBe(false);
    expect(cpeMatches(k, r, 'cpe:2.3:o:linux:linux_kernel:2.3.18:*:*:*:*:*:*:*', numeric).matches).toBe(true);
  });

  it('without bounds, compares every attribute including version', () => {
    expect(cpeMatches('cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*', {}, 'cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*', numeric).matches).toBe(true);
    expect(cpeMatches('cpe:2.3:a:tukaani:xz:5.6.0:*:*:*:*:*:*:*', {}, 'cpe:2.3:a:tukaani:xz:5.4.0:*:*:*:*:*:*:*', numeric).matches).toBe(false);
  });

  it('reports an invalid criteria as a reason, not an exception', () => {
    expect(cpeMatches('cpe:2.3:a:x', {}, 'cpe:2.3:a:x:y:1:*:*:*:*:*:*:*', numeric).reason).toContain('criteria is not a valid CPE');
  });
});
