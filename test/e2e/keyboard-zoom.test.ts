/**
 * Keyboard focus and 200 % zoom on the release page, against a real server and a real Chromium
 * (QA, Japanese UI, keyboard only, 1366×768 and 200 %):
 * - focus stays on the button the user pressed while an SBOM upload or a component save runs and
 *   after it ends (a `disabled` button dropped focus to <body>);
 * - Escape in the delete confirmation cancels only the dialog, not the side panel around it;
 * - at 200 % the header wraps to two lines: the side panel starts below it and focused controls do
 *   not scroll under it; a visually hidden table header does not make the page scroll sideways;
 * - the component grid's cut-off headers and cells carry their full text.
 * Screenshots go to test-results/e2e/kbd-<name>-<lang>.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, FileChooser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, repoRoot, screenshotDir, useBrowserSuite } from './harness.js';

const newPassword = 'Correct-Horse-Battery-42';
const fixture = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sbom-small.cdx.json'), 'utf8');

/** The focused element: tag, accessible text and whether it is inside the side panel. */
function focused(page: Page) {
  return page.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return {
      tag: e?.tagName.toLowerCase() ?? '',
      text: (e?.getAttribute('aria-label') ?? e?.textContent ?? '').trim(),
      inPanel: Boolean(e?.closest('.side-panel')),
    };
  });
}

describeInBrowser('keyboard focus and 200 % zoom', () => {
  const suite = useBrowserSuite('keyboard-zoom', {
    viewport: { width: 1366, height: 768 },
    screenshotPrefix: 'kbd-',
  });
  const { consoleErrors, h1, apiPost, firstLogin, shot } = suite;
  let page: Page;
  beforeAll(() => {
    page = suite.page;
  });
  const ids = { product: '', release: '' };
  const grid = () => page.locator('#component-grid');
  const releaseUrl = () => `/products/${ids.product}/releases/${ids.release}`;

  it('logs in and prepares a product with a release', async () => {
    await firstLogin(newPassword);
    const product = await apiPost<{ id: string }>('/products', {
      name: '輸液ポンプ X',
      manufacturer: '守りメディカル株式会社',
    });
    ids.product = product.id;
    // Enough releases with long dates for the releases table to need scrolling at 200 %.
    const release = await apiPost<{ id: string }>(`/products/${product.id}/releases`, {
      version: '1.0.0',
      releaseDate: '2024-04-01',
      endOfSupport: '2032-03-31',
      endOfLife: '2033-03-31',
    });
    ids.release = release.id;
    await page.goto(releaseUrl());
    await h1('リリース 1.0.0').waitFor();
  });

  it('keeps focus on 「ファイルを選択…」 during and after a refused and a successful upload', async () => {
    const choose = page.getByRole('button', { name: 'ファイルを選択…' });
    // Every file dialog the page opens (one listener for the whole test: a waitForEvent set up
    // next to page.route missed the first dialog).
    const choosers: FileChooser[] = [];
    const onChooser = (fc: FileChooser) => void choosers.push(fc);
    page.on('filechooser', onChooser);
    const nextChooser = async () => {
      await expect.poll(() => choosers.length).toBeGreaterThan(0);
      return choosers.shift()!;
    };
    // Hold the upload's answer back, to look at the button while the upload runs.
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    await page.route('**/api/v1/releases/*/sboms*', async (route) => {
      await held;
      await route.continue();
    });

    await choose.focus();
    await page.keyboard.press('Enter');
    await (
      await nextChooser()
    ).setFiles({
      name: 'broken.cdx.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"bomFormat": "CycloneDX"'),
    });
    await page.waitForFunction(
      () => document.querySelector('.dropzone .btn-primary')?.getAttribute('aria-disabled') === 'true',
    );
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'ファイルを選択…' });
    // While busy, activating it does nothing (no second file dialog).
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(choosers).toHaveLength(0);
    answer();
    await page.getByTestId('upload-error').waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'ファイルを選択…' });
    expect(await choose.getAttribute('aria-disabled')).toBeNull();
    await page.unroute('**/api/v1/releases/*/sboms*');

    await page.keyboard.press('Enter');
    await (
      await nextChooser()
    ).setFiles({ name: 'sbom-small.cdx.json', mimeType: 'application/json', buffer: Buffer.from(fixture) });
    await page.getByTestId('upload-result').waitFor();
    await grid().getByText('lodash', { exact: true }).waitFor();
    expect(await focused(page)).toMatchObject({ tag: 'button', text: 'ファイルを選択…' });
    page.off('filechooser', onChooser);
    // The next Tab goes on from there (the search box), not from the top of the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('component-search');
  });

  it('keeps focus on 「保存」 after saving a component in the side panel', async () => {
    await grid().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    const panel = page.locator('.side-panel');
    await panel.waitFor();
    await panel.getByLabel('サポートレベル').focus();
    await page.keyboard.type('保守終了');
    const save = panel.getByRole('button', { name: '保存', exact: true });
    await save.focus();
    await page.keyboard.press('Enter');
    await page.getByText(/を保存しました。/).waitFor();
    expect(await focused(page)).toEqual({ tag: 'button', text: '保存', inPanel: true });
    await shot('panel-saved', { fullPage: false });
    // The form shows what was saved, and saving again from the same place works.
    expect(await panel.getByLabel('サポートレベル').inputValue()).toBe('保守終了');
    expect(await panel.locator('dd', { hasText: '保守終了' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('component-grid');
  });

  it('closes only the confirmation on Escape, keeping the panel, its edits and the focus', async () => {
    await apiPost(`/releases/${ids.release}/components`, {
      type: 'operating-system',
      name: 'VxWorks',
      version: '7.0',
    });
    await page.reload();
    await page.getByLabel('出所').selectOption('manual');
    await page.getByTestId('component-count').getByText('1 件').waitFor();
    await grid().getByText('VxWorks', { exact: true }).click();
    const panel = page.getByRole('complementary', { name: /VxWorks/ });
    await panel.waitFor();
    await panel.getByLabel('供給者').fill('Wind River');
    const remove = panel.getByRole('button', { name: 'コンポーネントを削除' });
    await remove.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /VxWorks を削除しますか/ });
    await dialog.waitFor();
    await shot('delete-dialog', { fullPage: false });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await panel.isVisible()).toBe(true);
    expect(await focused(page)).toEqual({ tag: 'button', text: 'コンポーネントを削除', inPanel: true });
    expect(await panel.getByLabel('供給者').inputValue()).toBe('Wind River');
    await shot('delete-dialog-escaped', { fullPage: false });
    // A second Escape, now outside the dialog, closes the panel as before.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await page.getByLabel('出所').selectOption('');
  });

  it('gives cut-off grid headers and cells their full text', async () => {
    const header = grid().getByRole('columnheader', { name: 'サポートレベル' }).getByRole('button');
    expect(await header.getAttribute('title')).toBe('サポートレベル');
    const firmware = grid().locator('[role="row"]', { hasText: 'Infusion pump firmware' });
    await page.getByTestId('component-count').getByText('6 件').waitFor();
    await firmware.locator('[role="gridcell"][title="ファームウェア"]').waitFor();
    // Cut off at 1366 px (「サポートレ…」), the header shows its whole text while focused from the keyboard.
    const fits = () =>
      header.evaluate((b) => {
        const label = b.querySelector('span');
        return label ? label.scrollWidth <= label.clientWidth : false;
      });
    expect(await fits()).toBe(false);
    await header.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('title'))).toBe('サポートレベル');
    expect(await fits()).toBe(true);
    await shot('grid-header-focus', { element: '.vgrid-card' });
  });

  describe200();

  function describe200() {
    let zoomed: BrowserContext;
    let z: Page;
    const overlapReport = () =>
      z.evaluate(() => {
        const header = document.querySelector('.topbar')!.getBoundingClientRect();
        const panel = document.querySelector('.side-panel')!.getBoundingClientRect();
        const close = document.querySelector<HTMLElement>('.side-panel-head button')!;
        const title = document.querySelector<HTMLElement>('.side-panel-title')!;
        const at = (el: HTMLElement) => {
          const r = el.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return hit === el || el.contains(hit);
        };
        return { headerBottom: header.bottom, panelTop: panel.top, closeHit: at(close), titleHit: at(title) };
      });

    it('at 200 %: the side panel starts below the two-line header', async () => {
      zoomed = await suite.browser.newContext({
        baseURL: suite.server.baseUrl,
        locale: 'ja-JP',
        viewport: { width: 683, height: 384 },
        deviceScaleFactor: 2,
        storageState: await suite.context.storageState(),
      });
      z = await zoomed.newPage();
      z.on('pageerror', (err) => consoleErrors.push(String(err)));
      await z.goto(releaseUrl());
      await z.getByRole('heading', { level: 1, name: 'リリース 1.0.0' }).waitFor();
      const headerHeight = await z.evaluate(
        () => document.querySelector('.topbar')!.getBoundingClientRect().height,
      );
      // The QA's setting: the header wraps (it is 52 px on one line).
      expect(headerHeight).toBeGreaterThan(60);

      await z.locator('#component-grid').focus();
      await z.keyboard.press('ArrowDown');
      await z.keyboard.press('Enter');
      await z.locator('.side-panel').waitFor();
      const report = await overlapReport();
      expect(report.panelTop).toBeGreaterThanOrEqual(report.headerBottom - 0.5);
      expect(report).toMatchObject({ closeHit: true, titleHit: true });
      await z.screenshot({ path: path.join(screenshotDir, 'kbd-z2-panel-ja.png') });
      // Tab to 「閉じる」: visible, with its focus ring.
      await z.keyboard.press('Shift+Tab');
      await z.keyboard.press('Tab');
      await z.locator('.side-panel-head button').focus();
      await z.screenshot({ path: path.join(screenshotDir, 'kbd-z2-panel-close-focus-ja.png') });
      await z.keyboard.press('Escape');
      await z.locator('.side-panel').waitFor({ state: 'hidden' });

      // The "add a component" panel too.
      await z.getByRole('button', { name: 'コンポーネントを追加' }).click();
      await z.locator('.side-panel').waitFor();
      expect(await overlapReport()).toMatchObject({ closeHit: true, titleHit: true });
      await z.screenshot({ path: path.join(screenshotDir, 'kbd-z2-create-panel-ja.png') });
      await z.keyboard.press('Escape');
      await z.locator('.side-panel').waitFor({ state: 'hidden' });
    });

    /**
     * Tabs (or Shift+Tabs) through the page's main content and returns the focused controls that
     * ended up under the sticky header.
     */
    async function tabThroughMain(key: 'Tab' | 'Shift+Tab'): Promise<string[]> {
      const under: string[] = [];
      for (let i = 0; i < 60; i++) {
        await z.keyboard.press(key);
        const seen = await z.evaluate(() => {
          const e = document.activeElement as HTMLElement | null;
          const header = document.querySelector('.topbar')!;
          if (!e || !document.getElementById('main')!.contains(e) || e.id === 'main')
            return { inMain: false, hidden: null };
          const r = e.getBoundingClientRect();
          const below = header.getBoundingClientRect().bottom;
          // Covered in part though it would fit below the header (a tab panel taller than the window
          // cannot be shown whole).
          const covered = r.top < below - 0.5 && r.height <= window.innerHeight - below;
          const hidden = covered
            ? `${e.tagName} ${(e.textContent ?? '').slice(0, 40)} @${Math.round(r.top)}`
            : null;
          return { inMain: true, hidden };
        });
        if (!seen.inMain) break;
        if (seen.hidden) under.push(seen.hidden);
      }
      return under;
    }

    it('at 200 %: no focused control scrolls under the sticky header', async () => {
      for (const tab of ['', '?tab=findings']) {
        await z.goto(releaseUrl() + tab);
        await z.getByRole('heading', { level: 1, name: 'リリース 1.0.0' }).waitFor();
        await z.locator('[role="tabpanel"] button').first().waitFor();
        await z.locator('#main').focus();
        expect(await tabThroughMain('Tab')).toEqual([]);
        await z.screenshot({
          path: path.join(screenshotDir, `kbd-z2-tabbing${tab ? '-findings' : ''}-ja.png`),
        });
        // And back up from the end of the page: each control scrolls in from above, under the header.
        await z.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await z.locator('#main').evaluate((m) => {
          const all = m.querySelectorAll<HTMLElement>(
            'a[href], button, input, select, textarea, [tabindex="0"]',
          );
          all[all.length - 1]?.focus();
        });
        expect(await tabThroughMain('Shift+Tab')).toEqual([]);
      }
    });

    it('at 200 %: the product page does not scroll sideways', async () => {
      await z.goto(`/products/${ids.product}`);
      await z.getByRole('heading', { level: 1, name: '輸液ポンプ X' }).waitFor();
      await z.locator('.table').first().waitFor();
      const { scrollWidth, clientWidth } = await z.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: document.documentElement.clientWidth,
      }));
      await z.screenshot({ path: path.join(screenshotDir, 'kbd-z2-product-ja.png') });
      expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    });

    afterAll(async () => {
      await zoomed?.close();
    });
  }

  it('logged no errors in the browser console', () => {
    const unexpected = consoleErrors.filter((e) => !/status of 4\d\d/.test(e));
    expect(unexpected).toEqual([]);
  });
});
