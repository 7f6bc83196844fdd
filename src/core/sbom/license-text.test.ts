/**
 * A licence typed on a manual component: a valid SPDX expression (SPDX 2.3 Annex D grammar, licence
 * ids on the SPDX License List, exceptions on its exception list) stays an expression, in the list's
 * spelling; any other text is a licence name (docs/sbom-mapping.md, Licenses).
 */
import { expect, it } from 'vitest';
import { licenseFromText, licenseTextKind } from './license-text.js';

it('keeps valid SPDX expressions as expressions', () => {
  for (const text of ['MIT', 'Apache-2.0 OR MIT', '(MIT AND BSD-3-Clause) OR GPL-2.0-only WITH Classpath-exception-2.0', 'Apache-2.0 WITH LLVM-exception', 'LicenseRef-Vendor-EULA', 'LicenseRef-x', 'DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2', 'GPL-2.0+', 'GPL-2.0', 'Apache-2.0+', 'NOASSERTION'])
    expect(licenseFromText(text, 'concluded'), text).toEqual({ expression: text, name: null, acknowledgement: 'concluded' });
  expect(licenseFromText('  MIT  ', null)).toEqual({ expression: 'MIT', name: null, acknowledgement: null });
});

it('writes listed ids in the spelling of the SPDX License List (ids match case-insensitively)', () => {
  for (const [text, expression] of [
    ['mit', 'MIT'],
    ['apache-2.0', 'Apache-2.0'],
    ['gpl-2.0+', 'GPL-2.0+'],
    ['mit or apache-2.0', 'MIT OR Apache-2.0'],
    ['( mit  and bsd-3-clause )  or gpl-2.0-only with classpath-exception-2.0', '(MIT AND BSD-3-Clause) OR GPL-2.0-only WITH Classpath-exception-2.0'],
    ['LicenseRef-acme OR isc', 'LicenseRef-acme OR ISC'],
  ] as const)
    expect(licenseFromText(text, 'declared'), text).toEqual({ expression, name: null, acknowledgement: 'declared' });
});

it('makes any other text a licence name, also single words and expressions with ids not on the list', () => {
  for (const text of ['Proprietary', 'Commercial', 'GPL', 'MIT OR Proprietary', 'GPL-2.0-only WITH Unknown-exception', 'LLVM-exception', 'MIT WITH GPL-2.0-only', 'Wind River Commercial License', 'Microsoft Software License Terms', 'BlackBerry QNX EULA (v3)', 'MIT AND', 'ライセンス契約書'])
    expect(licenseFromText(text, 'concluded'), text).toEqual({ expression: null, name: text, acknowledgement: 'concluded' });
  expect(licenseFromText(' Wind River Commercial License ', 'declared')).toEqual({ expression: null, name: 'Wind River Commercial License', acknowledgement: 'declared' });
  expect(licenseFromText(' proprietary ', 'declared')).toEqual({ expression: null, name: 'proprietary', acknowledgement: 'declared' });
});

it('says how text will be recorded, for the form', () => {
  expect(licenseTextKind('  ')).toEqual({ kind: 'empty' });
  expect(licenseTextKind('apache-2.0 or mit')).toEqual({ kind: 'expression', expression: 'Apache-2.0 OR MIT' });
  expect(licenseTextKind('Proprietary')).toEqual({ kind: 'name' });
});
