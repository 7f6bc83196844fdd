/**
 * The compliance page's clause tree, coverage charts and bulk status change against a real server
 * and a real Chromium: the charts with their table alternative, switching to the tree, moving through
 * it with the keyboard (WAI-ARIA tree pattern), opening the evidence side panel with Enter and
 * linking evidence from it, parent coverage following an assessment, and the bulk edit going out as
 * one request. Screenshots go to test-results/e2e/compliance-tree-*-<lang>.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, repoRoot, useBrowserSuite } from './harness.js';

const newPassword = 'Correct-Horse-Battery-42';
const fixture = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sbom-small.cdx.json'));

describeInBrowser('compliance tree end to end', () => {
  const suite = useBrowserSuite('compliance-tree', { acceptDownloads: true });
  const { consoleErrors, h1, csrf, firstLogin, shootBoth } = suite;
  let page: Page;
  beforeAll(() => {
    page = suite.page;
  });
  let productId = '';
  const productName = '透析装置 HD-9';

  const focusedKey = () => page.evaluate(() => document.activeElement?.getAttribute('data-key') ?? null);
  const item = (id: string) => page.locator(`[role="treeitem"][data-key$="#${id}"]`).first();

  it('logs in and prepares a product with a release and its SBOM', async () => {
    await firstLogin(newPassword);
    const token = await csrf();
    const product = await page.request.post('/api/v1/products', {
      data: { name: productName, modelNumbers: ['HD-9'], manufacturer: 'Example Medical K.K.', deviceClass: 'III', isSamd: false, useEnvironments: ['hospital'], connectivity: ['wired_lan'], description: '' },
      headers: { 'x-csrf-token': token },
    });
    expect(product.status()).toBe(201);
    productId = ((await product.json()) as { id: string }).id;
    const release = await page.request.post(`/api/v1/products/${productId}/releases`, { data: { version: '1.2.0' }, headers: { 'x-csrf-token': token } });
    const releaseId = ((await release.json()) as { id: string }).id;
    const sbom = await page.request.post(`/api/v1/releases/${releaseId}/sboms?fileName=bom.json`, { data: fixture, headers: { 'x-csrf-token': token, 'content-type': 'application/json' } });
    expect(sbom.status()).toBe(201);
    // One assessment before the page opens, so the charts and the tree's coverage have something to show.
    const put = await page.request.put(`/api/v1/compliance/${productId}/assessments/iec-81001-5-1/5.2.1`, { data: { status: 'implemented' }, headers: { 'x-csrf-token': token } });
    expect(put.status()).toBe(200);
  }, 90_000);

  it('shows coverage charts per catalog and per clause, with the numbers as a table', async () => {
    await page.goto(`/products/${productId}/compliance`);
    await h1(`適合性：${productName}`).waitFor();
    const perCatalog = page.getByRole('figure', { name: 'カタログごとのカバレッジ（状況別の項目数）' });
    await perCatalog.waitFor();
    const gaps = (await (await page.request.get(`/api/v1/compliance/${productId}/gaps`)).json()) as { catalogs: { summary: { catalog: string; coveragePercent: number; implemented: number } }[] };
    await expect.poll(() => perCatalog.locator('.coverage-row').count()).toBe(gaps.catalogs.length);
    const iec = gaps.catalogs[0]!.summary;
    expect(iec.implemented).toBe(1);
    await expect.poll(() => perCatalog.locator('.coverage-row').first().textContent()).toContain(`${iec.coveragePercent}%`);
    const perClause = page.getByRole('figure', { name: /最上位の箇条ごとのカバレッジ/ });
    await expect.poll(() => perClause.locator('.coverage-label').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^5 /), expect.stringMatching(/^9 /)]));
    // The text alternative: the same numbers in a table.
    await perClause.getByText('数値を表で表示').click();
    const row5 = perClause.getByRole('row', { name: /^5 / });
    await expect.poll(() => row5.getByRole('cell').nth(1).textContent()).toBe('1');
    await perClause.scrollIntoViewIfNeeded();
    await shootBoth('compliance-tree-charts', { element: '.coverage-charts' });
  }, 90_000);

  it('switches to the tree and moves through it with the keyboard', async () => {
    await page.getByRole('radio', { name: '箇条ツリー' }).check();
    const tree = page.getByRole('tree', { name: /IEC 81001-5-1.*の箇条/ });
    await tree.waitFor();
    // One tab stop: exactly one treeitem is in the tab order.
    expect(await tree.locator('[role="treeitem"][tabindex="0"]').count()).toBe(1);
    await item('4').focus();
    await page.keyboard.press('End');
    expect(await focusedKey()).toMatch(/#F$/);
    await page.keyboard.press('Home');
    expect(await focusedKey()).toMatch(/#4$/);
    await page.keyboard.press('ArrowDown');
    expect(await focusedKey()).toMatch(/#5$/);
    expect(await item('5').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => item('5').getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowRight');
    expect(await focusedKey()).toMatch(/#5\.1$/);
    expect(await item('5.1').getAttribute('aria-level')).toBe('2');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await focusedKey()).toMatch(/#5\.2\.1$/);
    expect(await item('5.2.1').textContent()).toContain('実施済み');
    // The parent shows the coverage of the work items below it.
    await expect.poll(() => item('5.2').locator('> .clause-row').textContent()).toMatch(/1\/\d+ 完了/);
    await page.keyboard.press('ArrowLeft');
    expect(await focusedKey()).toMatch(/#5\.2$/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => item('5.2').getAttribute('aria-expanded')).toBe('false');
    await shootBoth('compliance-tree', { element: '.clause-tree-wrap' });
    await item('5.2').focus();
    await page.keyboard.press('ArrowLeft');
    expect(await focusedKey()).toMatch(/#5$/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => item('5').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await focusedKey()).toMatch(/#8$/);
  }, 90_000);

  it('Enter opens the evidence side panel; linking evidence updates the node; Escape returns to the tree', async () => {
    await page.keyboard.press('Enter');
    const panel = page.locator('.side-panel');
    await panel.getByRole('heading', { name: /^8 / }).waitFor();
    expect(await item('8').getAttribute('aria-selected')).toBe('true');
    await panel.getByText('リリース 1.2.0 の現在の SBOM', { exact: false }).first().waitFor();
    await panel.getByRole('button', { name: '証跡としてリンク' }).first().click();
    await panel.getByText('リンク済み').first().waitFor();
    await expect.poll(() => item('8').locator('> .clause-row').textContent()).toContain('証跡 1 件');
    // The tree stays usable beside the panel.
    const box = await item('8').boundingBox();
    const side = await panel.boundingBox();
    expect(box && side && box.x + 200 < side.x).toBe(true);
    await shootBoth('compliance-tree-panel', { fullPage: false });
    await panel.getByRole('heading', { name: /^8 / }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.side-panel').count()).toBe(0);
    expect(await focusedKey()).toMatch(/#8$/);
    // 9.2–9.5 offer the triage records (none yet here: the release was never matched).
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await focusedKey()).toMatch(/#9\.2$/);
    await page.keyboard.press('Enter');
    await page.locator('.side-panel').getByText('脆弱性所見も受け取った VEX もまだない（なし）', { exact: false }).waitFor();
    await page.locator('.side-panel').getByRole('heading', { name: /^9\.2 / }).focus();
    await page.keyboard.press('Escape');
  }, 90_000);

  it('bulk edit goes out as one request per scope and sets every picked entry', async () => {
    await page.getByRole('radio', { name: '表' }).check();
    const bulkCalls: string[] = [];
    const putCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('/assessments/bulk')) bulkCalls.push(r.method());
      if (r.method() === 'PUT' && r.url().includes('/assessments/')) putCalls.push(r.url());
    });
    for (const id of ['7.2', '7.3', '7.4']) {
      await page.getByLabel(`${id} を選択`, { exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await page.getByText('3 件選択中').waitFor();
    const bulk = page.getByRole('combobox', { name: '選択した項目の新しい状況' });
    await bulk.selectOption('in_progress');
    await page.getByRole('button', { name: '適用', exact: true }).click();
    await page.getByText('3 件の状況を設定した。').waitFor();
    expect(bulkCalls).toEqual(['POST']);
    expect(putCalls).toEqual([]);
    for (const id of ['7.2', '7.3', '7.4']) await expect.poll(() => page.getByLabel(`${id} の状況`, { exact: true }).inputValue()).toBe('in_progress');
    const stored = (await (await page.request.get(`/api/v1/compliance/${productId}/assessments`)).json()) as { entry: string; status: string }[];
    expect(stored.filter((a) => a.status === 'in_progress').map((a) => a.entry).sort()).toEqual(['7.2', '7.3', '7.4']);
    // An invalid item refuses the whole request and names the item.
    const bad = await page.request.post(`/api/v1/compliance/${productId}/assessments/bulk`, {
      data: { items: [{ catalog: 'iec-81001-5-1', entry: '7.5', status: 'verified' }, { catalog: 'iec-81001-5-1', entry: '7.9.9', status: 'verified' }] },
      headers: { 'x-csrf-token': await csrf() },
    });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['items.1.entry']);
    await page.getByRole('radio', { name: '箇条ツリー' }).check();
    await item('7').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => item('7.2').textContent()).toContain('対応中');
    await shootBoth('compliance-tree-after-bulk', { element: '.clause-tree-wrap' });
    const unexpected = consoleErrors.filter((e) => !/status of 4\d\d/.test(e));
    expect(unexpected, unexpected.join('\n')).toEqual([]);
  }, 90_000);
});
