/**
 * A licence typed on a manual component: a well-formed SPDX expression (SPDX 2.3 Annex D) stays an
 * expression, any other text is a licence name (docs/sbom-mapping.md, Licenses).
 */
import { expect, it } from 'vitest';
import { licenseFromText } from './license-text.js';

it('keeps well-formed SPDX expressions as expressions', () => {
  for (const text of ['MIT', 'Apache-2.0 OR MIT', '(MIT AND BSD-3-Clause) OR GPL-2.0-only WITH Classpath-exception-2.0', 'LicenseRef-Vendor-EULA', 'GPL-2.0+', 'NOASSERTION'])
    expect(licenseFromText(text, 'concluded'), text).toEqual({ expression: text, name: null, acknowledgement: 'concluded' });
  expect(licenseFromText('  MIT  ', null)).toEqual({ expression: 'MIT', name: null, acknowledgement: null });
});

it('makes any other text a licence name', () => {
  for (const text of ['Wind River Commercial License', 'Microsoft Software License Terms', 'BlackBerry QNX EULA (v3)', 'MIT AND', 'ライセンス契約書'])
    expect(licenseFromText(text, 'concluded'), text).toEqual({ expression: null, name: text, acknowledgement: 'concluded' });
  expect(licenseFromText(' Wind River Commercial License ', 'declared')).toEqual({ expression: null, name: 'Wind River Commercial License', acknowledgement: 'declared' });
});
