/** What a drop on the SBOM upload zone uploads (web/src/pages/release/util.ts droppedFile, UploadZone.tsx). */
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { droppedFile } from '../../web/src/pages/release/util.js';
import { webT } from '../support/web-i18n.js';

let ja: TFunction;
let en: TFunction;
beforeAll(async () => {
  ja = await webT('ja');
  en = await webT('en');
});

describe('droppedFile', () => {
  it('uploads one dropped file, and refuses several together, naming them (QA sbomra 9)', () => {
    const one = { name: 'bom.cdx.json' };
    expect(droppedFile([one])).toEqual({ file: one });
    expect(droppedFile([])).toEqual({ file: null });
    // Uploading both would leave only the second as the release's inventory: neither is uploaded.
    const several = droppedFile([{ name: 'SPDXTagExample-v2.3.spdx' }, { name: 'good.json' }]);
    expect(several).toEqual({ several: ['SPDXTagExample-v2.3.spdx', 'good.json'] });
    const say = (t: TFunction, names: readonly string[]) =>
      t('sbom.upload.oneAtATime', { count: names.length, names: names.join(t('sbom.upload.nameSeparator')) });
    const names = (several as { several: string[] }).several;
    expect(say(en, names)).toBe(
      '2 files were dropped (SPDXTagExample-v2.3.spdx, good.json); none was uploaded. Drop one file at a time: a release has one current SBOM, the newest upload.',
    );
    expect(say(ja, names)).toBe(
      '2 個のファイルがドロップされました（SPDXTagExample-v2.3.spdx、good.json）。どれもアップロードしていません。ファイルは 1 つずつドロップしてください。リリースの SBOM は最新のアップロード 1 つです。',
    );
  });
});
