/**
 * The release page against a real server and a real Chromium: SBOM upload through the drop zone's
 * file input (with progress, success and refusal), the windowed component table (search, filters,
 * details, editing a support date, a manual component), quality, compare, export download, SBOM
 * history — and a 50,000-component SBOM that must stay fast with only a window of rows in the DOM.
 * Screenshots of every view in both languages go to test-results/e2e/<name>-<lang>.png.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { generateCycloneDx } from '../../bench/sbom.js';
import { describeInBrowser, repoRoot, useBrowserSuite } from './harness.js';

const newPassword = 'Correct-Horse-Battery-42';
const fixture = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sbom-small.cdx.json'), 'utf8');

/**
 * The second release: the firmware (the primary component) 2.1.0 → 2.2.0, lodash upgraded, requests
 * removed, zlib added, FreeRTOS licence changed.
 */
function modifiedFixture(): string {
  const bom = JSON.parse(fixture) as {
    serialNumber: string;
    metadata: { component: { version: string } };
    components: { name: string; version: string; purl?: string; 'bom-ref': string; licenses?: unknown }[];
    dependencies: { ref: string; dependsOn: string[] }[];
  };
  bom.serialNumber = 'urn:uuid:5b7c2d8e-1f3a-4c6b-9d0e-2a4b6c8d0e1f';
  bom.metadata.component.version = '2.2.0';
  const lodash = bom.components.find((c) => c.name === 'lodash')!;
  lodash.version = '4.17.21';
  lodash.purl = 'pkg:npm/lodash@4.17.21';
  lodash['bom-ref'] = 'pkg:npm/lodash@4.17.21';
  bom.dependencies = bom.dependencies.map((d) => ({
    ref: d.ref.replace('4.17.20', '4.17.21'),
    dependsOn: d.dependsOn.map((x) => x.replace('4.17.20', '4.17.21')),
  }));
  const rtos = bom.components.find((c) => c.name === 'FreeRTOS')!;
  rtos.licenses = [{ expression: 'MIT OR Apache-2.0' }];
  bom.components = bom.components.filter((c) => c.name !== 'requests');
  bom.components.push({
    type: 'library',
    'bom-ref': 'pkg:generic/zlib@1.3.1',
    name: 'zlib',
    version: '1.3.1',
    purl: 'pkg:generic/zlib@1.3.1',
    licenses: [{ license: { id: 'Zlib' } }],
  } as never);
  return JSON.stringify(bom, null, 2);
}

describeInBrowser('release page end to end', () => {
  const suite = useBrowserSuite('sbom', {
    permissions: ['clipboard-read', 'clipboard-write'],
    acceptDownloads: true,
  });
  const { consoleErrors, h1, apiPost, firstLogin, shootBoth, switchTo } = suite;
  let page: Page;
  beforeAll(() => {
    page = suite.page;
  });
  const ids = { product: '', r1: '', r2: '', big: '' };

  // ------------------------------------------------------------------------------------- helpers

  const grid = () => page.locator('#component-grid');
  const count = () => page.getByTestId('component-count');

  async function openRelease(releaseId: string, version: string) {
    await page.goto(`/products/${ids.product}/releases/${releaseId}`);
    await h1(`リリース ${version}`).waitFor();
  }

  async function upload(name: string, content: string) {
    await page.locator('#sbom-file').setInputFiles({
      name,
      mimeType: 'application/json',
      buffer: Buffer.from(content),
    });
    await page.getByTestId('upload-result').waitFor();
  }

  const rowsInDom = () => grid().locator('[role="row"]').count();

  // ------------------------------------------------------------------------------------- the flow

  it('logs in and prepares a product with two releases', async () => {
    await firstLogin(newPassword);

    const product = await apiPost<{ id: string }>('/products', {
      name: '輸液ポンプ IP-300',
      manufacturer: '守りメディカル株式会社',
      modelNumbers: ['IP-300'],
    });
    ids.product = product.id;
    const r1 = await apiPost<{ id: string }>(`/products/${product.id}/releases`, {
      version: '1.0.0',
      stage: 'support',
      releaseDate: '2024-04-01',
      endOfSupport: '2032-03-31',
    });
    const r2 = await apiPost<{ id: string }>(`/products/${product.id}/releases`, { version: '1.1.0' });
    ids.r1 = r1.id;
    ids.r2 = r2.id;

    // The releases table links to the release page.
    await page.goto(`/products/${product.id}`);
    await h1('輸液ポンプ IP-300').waitFor();
    await page.getByRole('link', { name: '1.0.0', exact: true }).click();
    await h1('リリース 1.0.0').waitFor();
    expect(await page.title()).toBe('リリース 1.0.0 – mamori');
    await page.getByRole('heading', { level: 2, name: 'コンポーネントはまだありません' }).waitFor();
    await shootBoth('release-empty');
  });

  it('has keyboard-operable tabs', async () => {
    const first = page.getByRole('tab', { name: 'コンポーネント' });
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('[role="tab"][aria-selected="true"]', { hasText: '脆弱性' }).waitFor();
    await page.keyboard.press('ArrowRight');
    const history = page.getByRole('tab', { name: 'SBOM 履歴' });
    await page.locator('[role="tab"][aria-selected="true"]', { hasText: 'SBOM 履歴' }).waitFor();
    expect(await history.getAttribute('aria-selected')).toBe('true');
    expect(await history.getAttribute('tabindex')).toBe('0');
    expect(await first.getAttribute('tabindex')).toBe('-1');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    await page.getByRole('heading', { level: 2, name: 'SBOM はまだアップロードされていません' }).waitFor();
    const selected = (name: string) => page.locator('[role="tab"][aria-selected="true"]', { hasText: name });
    await page.keyboard.press('End');
    await selected('エクスポート').waitFor();
    await page.keyboard.press('Home');
    await selected('コンポーネント').waitFor();
  });

  it('refuses an invalid SBOM with the problems and where they are', async () => {
    const bad = JSON.stringify({
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      version: 1,
      components: [{ type: 'no-such-type', name: 'x' }, { type: 'library' }],
    });
    await page.locator('#sbom-file').setInputFiles({
      name: 'broken.cdx.json',
      mimeType: 'application/json',
      buffer: Buffer.from(bad),
    });
    const error = page.getByTestId('upload-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('broken.cdx.json は受け付けられませんでした。');
    expect(await error.locator('.diagnostic').count()).toBeGreaterThan(0);
    expect(await error.locator('.diagnostic-location').first().textContent()).toMatch(/components/);
    // The schema's messages in Japanese too (diagnostic args, not ajv's English).
    expect(await error.textContent()).toContain('必須のプロパティ「name」がありません');
    expect(await error.textContent()).toContain('許可された値のいずれかでなければなりません：application, ');
    expect(await error.textContent()).not.toContain('must have required property');
    await shootBoth('release-upload-refused');
  });

  it('refuses two files dropped together, naming them, and uploads neither (QA sbomra 9)', async () => {
    const posts: string[] = [];
    const onRequest = (r: { method(): string; url(): string }) => {
      if (r.method() === 'POST' && r.url().includes('/sboms')) posts.push(r.url());
    };
    page.on('request', onRequest);
    await page.getByTestId('sbom-dropzone').evaluate((zone, content) => {
      const files = new DataTransfer();
      files.items.add(new File([content], 'SPDXTagExample-v2.3.spdx', { type: 'text/plain' }));
      files.items.add(new File([content], 'good.json', { type: 'application/json' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
    }, fixture);
    const refused = page.getByTestId('upload-several');
    await refused.waitFor();
    expect(await refused.textContent()).toBe(
      '2 個のファイルがドロップされました（SPDXTagExample-v2.3.spdx、good.json）。どれもアップロードしていません。ファイルは 1 つずつドロップしてください。リリースの SBOM は最新のアップロード 1 つです。',
    );
    await page.waitForTimeout(300);
    page.off('request', onRequest);
    expect(posts).toEqual([]);
    await page.getByRole('heading', { level: 2, name: 'コンポーネントはまだありません' }).waitFor();
  });

  it('words XML schema problems in Japanese, naming elements without their namespace', async () => {
    const xml = `<?xml version="1.0"?>
<bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1">
  <components>
    <component type="gadget" bom-ref="a"><name>a</name></component>
    <component type="library" bom-ref="c"><name>c</name><swid name="s"/></component>
  </components>
</bom>
`;
    await page
      .locator('#sbom-file')
      .setInputFiles({ name: 'broken.cdx.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    const error = page.getByTestId('upload-error');
    await error.getByText('broken.cdx.xml は受け付けられませんでした。').waitFor();
    expect(await error.textContent()).toContain(
      '要素 component の属性 type: 値「gadget」は許される値のいずれでもありません',
    );
    expect(await error.textContent()).toContain('要素 swid に必須の属性 tagId がありません');
    expect(await error.textContent()).not.toContain('{http://cyclonedx.org');
    await shootBoth('release-upload-refused-xml');
  });

  it('uploads a CycloneDX file through the drop zone and lists its components', async () => {
    await upload('sbom-small.cdx.json', fixture);
    const result = page.getByTestId('upload-result');
    // The four listed components and the SBOM's primary component (metadata.component), marked.
    expect(await result.textContent()).toContain('コンポーネント 5 件');
    await count().getByText('5 件').waitFor();
    await grid().getByText('lodash', { exact: true }).waitFor();
    expect(await grid().getAttribute('aria-rowcount')).toBe('6');
    await grid().locator('[role="row"]', { hasText: 'Infusion pump firmware' }).getByText('SBOM の対象').waitFor();
    // Nested component shown under its parent.
    await grid().locator('.comp-name.is-nested', { hasText: 'FreeRTOS-Plus-TCP' }).waitFor();
    await shootBoth('release-components');
  });

  it('searches, filters and sorts on the server', async () => {
    await page.getByLabel('コンポーネントを検索').fill('freertos');
    await count().getByText('2 件').waitFor();
    await page.getByLabel('コンポーネントを検索').fill('');
    await count().getByText('5 件').waitFor();

    await page.getByLabel('種別', { exact: true }).selectOption('operating-system');
    await count().getByText('1 件').waitFor();
    await grid().getByText('FreeRTOS', { exact: true }).waitFor();
    await shootBoth('release-components-filtered');
    await page.getByLabel('種別', { exact: true }).selectOption('');
    await count().getByText('5 件').waitFor();

    const nameHeader = grid().getByRole('columnheader', { name: '名称' });
    expect(await nameHeader.getAttribute('aria-sort')).toBe('ascending');
    await nameHeader.getByRole('button').click();
    await page.waitForFunction(
      () =>
        document
          .querySelector('#component-grid [role="columnheader"][aria-sort]')
          ?.getAttribute('aria-sort') === 'descending',
    );
    await grid().locator('[aria-rowindex="2"]', { hasText: 'requests' }).waitFor();
    await nameHeader.getByRole('button').click();
    await grid().locator('[aria-rowindex="2"]', { hasText: 'FreeRTOS' }).waitFor();

    // Licences are searched too (QA: "MIT" matched only names and purls, "Apache-2.0" nothing).
    await page.getByLabel('コンポーネントを検索').fill('Apache-2.0');
    await count().getByText('1 件').waitFor();
    await grid().getByText('requests', { exact: true }).waitFor();
    await page.getByLabel('コンポーネントを検索').fill('mit');
    await count().getByText('2 件').waitFor(); // lodash, FreeRTOS
    await shootBoth('release-components-licence-search');
    await page.getByLabel('コンポーネントを検索').fill('');
    await count().getByText('5 件').waitFor();

    // Versions sort naturally (QA: text order put 9.1.1 above 12.0.1): 2.1.0 < 2.3.2 < 2.31.0 < 4.17.20 < 10.4.3.
    const versionHeader = grid().getByRole('columnheader', { name: 'バージョン' });
    await versionHeader.getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('#component-grid [role="columnheader"][aria-sort="ascending"]')?.textContent?.includes('バージョン'));
    await grid().locator('[aria-rowindex="2"]', { hasText: '2.1.0' }).waitFor();
    await grid().locator('[aria-rowindex="3"]', { hasText: '2.3.2' }).waitFor();
    await grid().locator('[aria-rowindex="4"]', { hasText: '2.31.0' }).waitFor();
    await grid().locator('[aria-rowindex="6"]', { hasText: '10.4.3' }).waitFor();
    await versionHeader.getByRole('button').click();
    await grid().locator('[aria-rowindex="2"]', { hasText: '10.4.3' }).waitFor();
    await grid().locator('[aria-rowindex="3"]', { hasText: '4.17.20' }).waitFor();
    await shootBoth('release-components-version-desc');
    await nameHeader.getByRole('button').click();
    await grid().locator('[aria-rowindex="2"]', { hasText: 'FreeRTOS' }).waitFor();
  });

  it('opens a component, edits its end of support, and highlights a past date', async () => {
    await grid().getByText('lodash', { exact: true }).click();
    const panel = page.getByRole('complementary', { name: /lodash/ });
    await panel.waitFor();
    await panel.getByText('pkg:npm/lodash@4.17.20').first().waitFor();
    await panel.getByText('SHA-256').waitFor();
    // Only the support fields are editable for a component from an SBOM.
    expect(await panel.getByLabel('供給者').count()).toBe(0);
    await panel.getByLabel('サポート終了日').fill('2024-12-31');
    await panel.getByLabel('サポートレベル').fill('保守終了');
    await panel.getByRole('button', { name: '保存' }).click();
    await page.getByText('lodash を保存しました。').waitFor();
    const row = grid().locator('[role="row"]', { hasText: 'lodash' });
    await row.getByText('2024-12-31').waitFor();
    await row.locator('.eos-past').waitFor();
    await shootBoth('release-component-panel', { fullPage: false });

    await panel.getByRole('button', { name: '閉じる' }).click();
    await panel.waitFor({ state: 'hidden' });
  });

  it('opens details from the keyboard', async () => {
    await grid().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    const active = await grid().getAttribute('aria-activedescendant');
    expect(active).toBe('component-grid-row-1');
    await page.keyboard.press('Enter');
    await page.getByRole('complementary').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('complementary').waitFor({ state: 'hidden' });
  });

  it('adds a manual component for what no SBOM covers', async () => {
    await page.getByRole('button', { name: 'コンポーネントを追加' }).click();
    const panel = page.getByRole('complementary', { name: 'コンポーネントを手動で追加' });
    await panel.waitFor();
    await panel.getByText('商用 OS、RTOS').waitFor();
    await panel.getByRole('button', { name: '追加', exact: true }).click();
    await panel.getByText('コンポーネントの名称を入力してください。').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-name');
    await panel.getByLabel('種別').selectOption('operating-system');
    await panel.getByLabel('名称').fill('VxWorks');
    await panel.getByLabel('バージョン').fill('7.0');
    await panel.getByLabel('供給者').fill('Wind River');
    await panel.getByLabel('パッケージ URL（purl）').fill('not-a-purl');
    // A CPE 2.3 name cut short (QA sbomra 2): said in Japanese, with the number of fields it has.
    await panel.getByLabel('CPE', { exact: true }).fill('cpe:2.3:o:windriver:vxworks');
    await panel.getByRole('button', { name: '追加', exact: true }).click();
    await panel.getByText('purl は pkg: で始まります').waitFor();
    await panel.getByText(/^CPE 2\.3 名は、コロンで区切った 13 個の欄からなります.*入力された値の欄は 5 個です。/).waitFor();
    await panel.getByLabel('パッケージ URL（purl）').fill('pkg:generic/windriver/vxworks@7.0');
    await panel.getByLabel('CPE', { exact: true }).fill('');
    await panel.getByLabel('サポート終了日').fill('2035-12-31');
    await shootBoth('release-component-create', { fullPage: false });
    await panel.getByRole('button', { name: '追加', exact: true }).click();
    await panel.waitFor({ state: 'hidden' });
    await count().getByText('6 件').waitFor();
    // The same purl again: the form says it is already there and asks before adding it twice.
    await page.getByRole('button', { name: 'コンポーネントを追加' }).click();
    await panel.waitFor();
    await panel.getByLabel('名称').fill('VxWorks');
    await panel.getByLabel('パッケージ URL（purl）').fill('PKG:generic/windriver/vxworks@7.0');
    await panel.getByRole('button', { name: '追加', exact: true }).click();
    await panel
      .getByTestId('component-duplicate')
      .getByText('同じ purl pkg:generic/windriver/vxworks@7.0 の VxWorks 7.0（手動）がすでにあります')
      .waitFor();
    await panel.getByRole('button', { name: 'それでも追加' }).waitFor();
    await shootBoth('release-component-duplicate', { fullPage: false });
    await panel.getByRole('button', { name: 'キャンセル' }).click();
    await panel.waitFor({ state: 'hidden' });
    await count().getByText('6 件').waitFor();
    await page.getByLabel('出所').selectOption('manual');
    await count().getByText('1 件').waitFor();
    await grid().getByText('VxWorks', { exact: true }).waitFor();
    await page.getByLabel('出所').selectOption('');
    await count().getByText('6 件').waitFor();
  });

  it('shows the quality report for the MHLW profile', async () => {
    await page.getByRole('tab', { name: '品質' }).click();
    await page.getByLabel('品質プロファイル').waitFor();
    await page.getByTestId('quality-score').waitFor();
    expect(await page.getByLabel('品質プロファイル').inputValue()).toBe('jp-mhlw');
    await page.getByRole('heading', { level: 2, name: /優先して修正する項目/ }).waitFor();
    await page.getByRole('heading', { level: 2, name: /すべてのチェック/ }).waitFor();
    expect(await page.locator('.check').count()).toBeGreaterThan(3);
    // Fixes come before the checks.
    const order = await page.evaluate(() => {
      const f = document.getElementById('fixes-title');
      const c = document.getElementById('checks-title');
      return f && c ? f.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeGreaterThan(0);
    expect(await page.locator('.check').first().textContent()).toContain('出典：');
    // The issuer in Japanese, 厚生労働省, not 「MHLW」 (QA jaui #8).
    expect(await page.locator('.check').first().textContent()).toMatch(/出典：\s*厚生労働省 医療機器の/);
    expect(await page.locator('.toolbar-count').textContent()).toMatch(/厚生労働省 医療機器の.*附属書A/);
    await shootBoth('release-quality');
    await page.getByLabel('品質プロファイル').selectOption('fda');
    await page.waitForFunction(() => document.querySelector('.verdict-title')?.textContent?.includes('FDA'));
    // The profile is in the address: a reload (or a shared link) keeps it (QA: it fell back to MHLW).
    expect(new URL(page.url()).searchParams.get('profile')).toBe('fda');
    await page.reload();
    await page.getByTestId('quality-score').waitFor();
    expect(await page.getByLabel('品質プロファイル').inputValue()).toBe('fda');
    await page.waitForFunction(() => document.querySelector('.verdict-title')?.textContent?.includes('FDA'));
    const contextMissing = page.locator('.context-missing');
    if ((await contextMissing.count()) > 0) expect(await page.getByText('context.missing').count()).toBe(0);
    await shootBoth('release-quality-fda');
  });

  it('lists the uploaded SBOMs with their hash and warnings', async () => {
    await page.getByRole('tab', { name: 'SBOM 履歴' }).click();
    const row = page.locator('tbody tr', { hasText: 'sbom-small.cdx.json' });
    await row.waitFor();
    expect(await row.textContent()).toContain('CycloneDX 1.6');
    await row.getByRole('button', { name: 'sbom-small.cdx.json の SHA-256 をコピー' }).click();
    const sha = await page.evaluate(() => navigator.clipboard.readText());
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    await row.getByRole('button', { name: 'sbom-small.cdx.json の詳細' }).click();
    await page.getByText('シリアル番号').waitFor();
    const download = page.waitForEvent('download');
    await row.getByRole('link', { name: '原本ファイル sbom-small.cdx.json をダウンロード' }).click();
    expect((await download).suggestedFilename()).toBe('sbom-small.cdx.json');
    await shootBoth('release-history');
  });

  it('compares two releases', async () => {
    await openRelease(ids.r2, '1.1.0');
    await upload('sbom-1.1.0.cdx.json', modifiedFixture());
    await count().getByText('5 件').waitFor();
    await page.getByRole('tab', { name: '差分' }).click();
    await page.getByLabel('比較対象').waitFor();
    expect(await page.getByLabel('比較対象').inputValue()).toBe(ids.r1);
    await page.getByTestId('diff-upgraded').getByText('1').waitFor();
    expect(await page.getByTestId('diff-added').textContent()).toBe('1'); // zlib
    // requests (and the manual VxWorks of 1.0.0, when manual components are compared too)
    expect(['1', '2']).toContain(await page.getByTestId('diff-removed').textContent());
    await page.getByRole('heading', { level: 2, name: /バージョンアップ/ }).waitFor();
    await page.locator('ins.diff-new', { hasText: '4.17.21' }).waitFor();
    await page.locator('del.diff-old', { hasText: '4.17.20' }).waitFor();
    await page.getByText('MIT OR Apache-2.0').waitFor();
    // The firmware itself (the primary component) first, on its own, not among the upgraded components.
    const primary = page.getByTestId('diff-primary');
    await primary.getByRole('heading', { level: 2, name: 'SBOM の対象' }).waitFor();
    await primary.getByText('Infusion pump firmware').waitFor();
    await primary.locator('del.diff-old', { hasText: '2.1.0' }).waitFor();
    await primary.locator('ins.diff-new', { hasText: '2.2.0' }).waitFor();
    await primary.getByText('バージョンアップ').waitFor();
    const headings = await page.locator('.compare h2').allTextContents();
    expect(headings[0]).toBe('SBOM の対象');
    expect(await page.getByTestId('diff-upgraded').textContent()).toBe('1'); // lodash alone
    await shootBoth('release-compare');
  });

  it('exports CycloneDX for hospitals as a download', async () => {
    await page.getByRole('tab', { name: 'エクスポート' }).click();
    await page.getByText('医療機関向け').first().waitFor();
    // The format table fills its card: no empty strip on the card's right (QA, auditor report #13).
    // So does the table of the FDA component support downloads below it.
    const widths = await page.locator('.export-table').evaluateAll((tables) =>
      tables.map((table) => ({ table: table.getBoundingClientRect().width, card: table.closest('.table-card')!.clientWidth })),
    );
    expect(widths).toHaveLength(2);
    for (const w of widths) expect(Math.abs(w.card - w.table)).toBeLessThanOrEqual(1);
    await shootBoth('release-export');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'CycloneDX 1.6 JSON（医療機関向け）をダウンロード' }).click();
    expect((await download).suggestedFilename()).toBe('sbom-輸液ポンプ IP-300-1.1.0-hospital.cdx.json');
    // It describes the device release and its manufacturer; the uploaded root stays as a component.
    const bom = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as {
      metadata: { component: { type: string; name: string; version: string }; manufacturer?: { name: string } };
      components: { name: string; version?: string }[];
    };
    expect(bom.metadata.component).toMatchObject({ type: 'device', name: '輸液ポンプ IP-300', version: '1.1.0' });
    expect(bom.metadata.manufacturer).toEqual({ name: '守りメディカル株式会社' });
    expect(bom.components).toContainEqual(expect.objectContaining({ name: 'Infusion pump firmware', version: '2.2.0' }));
    const spdx = page.waitForEvent('download');
    await page.getByRole('link', { name: 'SPDX 2.3 JSON（完全版）をダウンロード' }).click();
    expect((await spdx).suggestedFilename()).toBe('sbom-輸液ポンプ IP-300-1.1.0.spdx.json');
    // The FDA component support table, downloaded from the keyboard: focus the link, press Enter.
    const supportLink = page.getByTestId('support-table-downloads').getByRole('link', { name: 'コンポーネントのサポート状況表を CSV（日本語）でダウンロード' });
    await supportLink.focus();
    const support = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    expect((await support).suggestedFilename()).toBe('component-support-輸液ポンプ IP-300-1.1.0.ja.csv');
    const csv = readFileSync(await (await support).path());
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toContain('"Infusion pump firmware","","2.2.0"');
  });

  it('handles a 50,000-component SBOM with a windowed table', async () => {
    const big = await apiPost<{ id: string }>(`/products/${ids.product}/releases`, { version: '2.0.0' });
    ids.big = big.id;
    await openRelease(big.id, '2.0.0');
    // A file on disk: the browser reads it itself (a 20 MB buffer over the protocol is slow).
    const file = path.join(suite.workDir, 'sbom-50k.cdx.json');
    writeFileSync(file, generateCycloneDx(50_000));
    const started = Date.now();
    await page.locator('#sbom-file').setInputFiles(file, { timeout: 60_000 });
    await page.getByTestId('upload-result').waitFor({ timeout: 180_000 });
    const uploadedMs = Date.now() - started;
    // 50,000 listed components and the primary one (metadata.component).
    await count().getByText('50,001 件').waitFor({ timeout: 30_000 });
    await grid().locator('[aria-rowindex="2"] [role="gridcell"]:not(.vgrid-placeholder)').first().waitFor();
    const firstRowsMs = Date.now() - started;
    expect(await grid().getAttribute('aria-rowcount')).toBe('50002');
    let maxRows = await rowsInDom();

    // Scroll through the middle with the mouse wheel, sampling the DOM.
    await grid().hover();
    for (let i = 0; i < 10; i++) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(50);
      maxRows = Math.max(maxRows, await rowsInDom());
    }

    // End: the very last row (component-9999 is last in ascending name order; the primary component,
    // "bench device", first).
    await grid().focus();
    const endStarted = Date.now();
    await page.keyboard.press('End');
    const last = grid().locator('[aria-rowindex="50002"]');
    await last.locator('[role="gridcell"]:not(.vgrid-placeholder)').first().waitFor({ timeout: 15_000 });
    const endMs = Date.now() - endStarted;
    expect(await last.textContent()).toContain('component-9999');
    expect(await grid().getAttribute('aria-activedescendant')).toBe('component-grid-row-50000');
    maxRows = Math.max(maxRows, await rowsInDom());
    await page.keyboard.press('PageUp');
    await page.keyboard.press('Home');
    await grid().locator('[aria-rowindex="2"] [role="gridcell"]:not(.vgrid-placeholder)').first().waitFor();
    maxRows = Math.max(maxRows, await rowsInDom());

    // Search on the server stays quick too.
    await page.getByLabel('コンポーネントを検索').fill('component-4999');
    await count()
      .getByText(/^\d{1,2} 件$/)
      .waitFor();
    maxRows = Math.max(maxRows, await rowsInDom());

    console.info(
      `50k SBOM: upload + import ${uploadedMs} ms, first rows ${firstRowsMs} ms, End → last row ${endMs} ms, at most ${maxRows} rows in the DOM`,
    );
    expect(maxRows).toBeLessThan(200);
    await page.getByLabel('コンポーネントを検索').fill('');
    await count().getByText('50,001 件').waitFor();
    await shootBoth('release-components-50k', { fullPage: false });

    // The type column fits its longest label: ファームウェア (the primary component) is not cut off at
    // 1400 px, in either language (QA sbomra 12).
    await page.setViewportSize({ width: 1400, height: 900 });
    for (const [l, label] of [['en', 'Firmware'], ['ja', 'ファームウェア']] as const) {
      await switchTo(l);
      const cell = grid().locator('[aria-rowindex="2"] [role="gridcell"][aria-colindex="3"]');
      await cell.getByText(label, { exact: true }).waitFor();
      expect([l, await cell.evaluate((e) => e.scrollWidth <= e.clientWidth)]).toEqual([l, true]);
    }
    await page.setViewportSize({ width: 1440, height: 900 });

    // Counts use the locale's grouping on every tab (QA: "1111" in the SBOM history).
    await page.getByRole('tab', { name: 'SBOM 履歴' }).click();
    const row = page.locator('tbody tr', { hasText: 'sbom-50k.cdx.json' });
    await row.waitFor();
    expect(await row.locator('td.num').first().textContent()).toBe('50,001');
    await shootBoth('release-history-50k');
  }, 300_000);

  it('compares with the 50,000-component release: a loading state until the new pair, counts grouped', async () => {
    await openRelease(ids.r2, '1.1.0');
    await page.getByRole('tab', { name: '差分' }).click();
    expect(await page.getByLabel('比較対象').inputValue()).toBe(ids.r1);
    await page.getByTestId('diff-upgraded').getByText('1').waitFor();
    // Hold the new pair's answer, so that the page between the choice and the answer can be checked
    // (QA: the old pair's diff stayed for 13 s under the new pair's heading, only dimmed).
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const bigDiff = (url: URL) => url.pathname.endsWith('/diff') && url.searchParams.get('against') === ids.big;
    await page.route(bigDiff, async (route) => {
      await held;
      await route.continue();
    });
    const select = page.getByLabel('比較対象');
    await select.focus();
    await select.selectOption(ids.big);
    const status = page.getByTestId('diff-status');
    await expect.poll(() => status.textContent()).toBe('2.0.0 から 1.1.0 への差分を読み込み中…');
    expect(await status.getAttribute('role')).toBe('status');
    expect(await page.locator('.compare .toolbar-count').textContent()).toBe('2.0.0 から 1.1.0 への差分');
    // Nothing of the 1.0.0 → 1.1.0 result is left on the page.
    expect(await page.getByTestId('diff-primary').count()).toBe(0);
    expect(await page.getByTestId('diff-upgraded').count()).toBe(0);
    expect(await page.getByText('zlib').count()).toBe(0);
    await shootBoth('release-compare-loading', { fullPage: false });
    answer();
    await page.getByTestId('diff-removed').waitFor({ timeout: 60_000 });
    await page.unroute(bigDiff);
    expect(await status.textContent()).toBe('');
    // Counts with the locale's grouping, like the sentence above them (QA: "削除 50001").
    expect(await page.getByTestId('diff-removed').textContent()).toMatch(/^50,00\d$/);
    expect(await page.locator('.compare p.muted.small').first().textContent()).toMatch(/^比較元 50,00\d 件、現在 \d 件のコンポーネント。$/);
    // The first 200 rows of a table are in the page, the rest on request (QA: switching language
    // re-rendered all 50,000 rows of the removed table, for seconds).
    const removedRows = page.locator('section[aria-labelledby="diff-removed-title"] tbody tr');
    expect(await removedRows.count()).toBe(200);
    const more = page.getByTestId('diff-removed-more');
    expect(await more.textContent()).toMatch(/^50,00\d 件中 200 件を表示しています。 ?さらに 1,000 件表示$/);
    await shootBoth('release-compare-50k', { fullPage: false });
    await more.getByRole('button').click();
    await expect.poll(() => removedRows.count()).toBe(1200);
    expect(await more.textContent()).toMatch(/^50,00\d 件中 1,200 件を表示しています。/);
    // The filter narrows every table and says how many changes match; a table starts from its first rows again.
    await page.getByLabel('差分の絞り込み').fill('component-4999');
    await expect.poll(() => removedRows.count()).toBe(11); // component-4999 and component-49990 … 49999
    expect(await page.getByTestId('diff-filter-count').textContent()).toMatch(/^50,00\d 件の変更のうち 11 件が一致$/);
    expect(await page.locator('#diff-removed-title .count-pill').textContent()).toMatch(/^50,00\d 件中 11 件$/);
    expect(await more.count()).toBe(0);
    await page.getByLabel('差分の絞り込み').fill('no-such-component');
    await page.getByText('「no-such-component」に一致する変更はありません。').waitFor();
    expect(await removedRows.count()).toBe(0);
    await page.getByLabel('差分の絞り込み').fill('');
    await expect.poll(() => removedRows.count()).toBe(200);

    // Back to 1.0.0: the loading state again, then its own result.
    await select.selectOption(ids.r1);
    await page.getByTestId('diff-upgraded').getByText('1').waitFor();
    expect(await page.locator('.compare .toolbar-count').textContent()).toBe('1.0.0 から 1.1.0 への差分');
  }, 120_000);

  it('groups the counts of the quality report of the 50,000-component release', async () => {
    await openRelease(ids.big, '2.0.0');
    await page.getByRole('tab', { name: '品質' }).click();
    await page.getByTestId('quality-score').waitFor({ timeout: 60_000 });
    // QA: "不合格のコンポーネント 50001 / 50001" next to "50,001 件のコンポーネントが改善".
    const components = page.locator('.verdict .stat', { hasText: '不合格のコンポーネント' }).locator('dd');
    expect(await components.first().textContent()).toMatch(/^\d{1,3}(,\d{3})* \/ 50,00\d$/);
    await shootBoth('release-quality-50k', { fullPage: false });
  }, 120_000);

  it('logged no errors in the browser console', () => {
    const unexpected = consoleErrors.filter((e) => !/status of 4\d\d/.test(e));
    expect(unexpected).toEqual([]);
  });
});
