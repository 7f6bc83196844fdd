/**
 * The compliance page against a real server and a real Chromium: progress per catalog, editing a
 * status from the keyboard (assess once — the 0523 item follows through the crosswalk), the
 * evidence panel (linking the suggested release SBOM, uploading a file), the gap filter and a CSV
 * download. Screenshots go to test-results/e2e/compliance-*-<lang>.png.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, repoRoot, screenshotDir, useBrowserSuite } from './harness.js';

const newPassword = 'Correct-Horse-Battery-42';
const fixture = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sbom-small.cdx.json'));

describeInBrowser('compliance page end to end', () => {
  const suite = useBrowserSuite('compliance', { acceptDownloads: true });
  const { consoleErrors, h1, csrf, firstLogin, shootBoth } = suite;
  let page: Page;
  beforeAll(() => {
    page = suite.page;
  });
  let productId = '';
  const productName = '輸液ポンプ IP-200';

  it('logs in and prepares a product with a release and its SBOM', async () => {
    await firstLogin(newPassword);
    const token = await csrf();
    const product = await page.request.post('/api/v1/products', { data: { name: productName, modelNumbers: ['IP-200'], manufacturer: 'Example Medical K.K.', deviceClass: 'III', isSamd: false, useEnvironments: ['hospital'], connectivity: ['wired_lan'], description: '' }, headers: { 'x-csrf-token': token } });
    expect(product.status()).toBe(201);
    productId = ((await product.json()) as { id: string }).id;
    const release = await page.request.post(`/api/v1/products/${productId}/releases`, { data: { version: '2.0.0' }, headers: { 'x-csrf-token': token } });
    const releaseId = ((await release.json()) as { id: string }).id;
    const sbom = await page.request.post(`/api/v1/releases/${releaseId}/sboms?fileName=bom.json`, { data: fixture, headers: { 'x-csrf-token': token, 'content-type': 'application/json' } });
    expect(sbom.status()).toBe(201);
  }, 90_000);

  it('opens the compliance page from the product and shows progress per catalog', async () => {
    await page.goto(`/products/${productId}`);
    await page.getByRole('link', { name: '適合性' }).click();
    await h1(`適合性：${productName}`).waitFor();
    await expect.poll(() => page.locator('.compliance-card').count()).toBeGreaterThan(3);
    await expect.poll(() => page.locator('.compliance-card').first().textContent()).toContain('IEC 81001-5-1');
    await shootBoth('compliance-dashboard');
  }, 90_000);

  it('sets a status from the keyboard; the 0523 item follows through the crosswalk', async () => {
    const select = page.getByLabel('8 の状況', { exact: true });
    await select.focus();
    await select.selectOption('implemented');
    await page.getByText('8 を保存した。').waitFor();
    await expect.poll(() => select.inputValue()).toBe('implemented');
    await page.getByRole('button', { name: /0523|確認/ }).first().click();
    const row = page.locator('tr', { hasText: '5 ソフトウェア構成管理プロセス' });
    await expect.poll(() => row.textContent()).toContain('対応表経由：iec-81001-5-1@2021#8');
    // The 0523 items have no number of their own: the table shows none rather than the internal id.
    expect(await row.locator('td.mono').textContent()).toBe('—');
    expect(await page.locator('td.mono', { hasText: /jis\.|existing\./ }).count()).toBe(0);
    await page.getByRole('combobox', { name: 'セキュリティ体制・ISAO・CVD の状況' }).waitFor();
  });

  it('links the suggested SBOM and uploads a file in the evidence panel', async () => {
    await page.locator('.compliance-card').first().click();
    await page.getByRole('button', { name: '8 の証跡', exact: true }).click();
    const panel = page.locator('.side-panel');
    await panel.getByText('リリース 2.0.0 の現在の SBOM', { exact: false }).first().waitFor();
    // Suggestion titles in the screen's language (QA ra: they were English on Japanese screens).
    await panel.getByText(`SBOM 品質レポート ${productName} 2.0.0`, { exact: true }).waitFor();
    expect(await panel.getByText('SBOM quality report', { exact: false }).count()).toBe(0);
    await panel.getByRole('button', { name: '証跡としてリンク' }).first().click();
    await panel.getByText('リンク済み').first().waitFor();
    // The title defaults to the file name; the document number / revision is typed (QA ra 6).
    await panel.locator('#ev-file').setInputFiles({ name: '構成管理手順書.pdf', mimeType: '', buffer: Buffer.from('%PDF-1.4 configuration management procedure') });
    await expect.poll(() => panel.locator('#ev-title').inputValue()).toBe('構成管理手順書.pdf');
    await panel.locator('#ev-version').fill('CM-001 第2版');
    await panel.getByRole('button', { name: 'アップロード', exact: true }).click();
    await panel.getByRole('link', { name: '構成管理手順書.pdf' }).waitFor();
    await panel.getByText('(CM-001 第2版)').waitFor();
    await shootBoth('compliance-evidence');
    // Edited afterwards: the new revision is shown.
    await panel.getByRole('button', { name: '構成管理手順書.pdf のタイトルと版を編集' }).click();
    await panel.locator('input[id^="ev-edit-version-"]').fill('CM-001 第3版');
    await panel.getByRole('button', { name: '保存', exact: true }).click();
    await panel.getByText('(CM-001 第3版)').waitFor();
    await panel.locator('#ev-file').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.side-panel').count()).toBe(0);
  }, 90_000);

  it('lists the evidence behind the count, inherited from the parent clause too, and never offers the product scope for organisation-level entries', async () => {
    const token = await csrf();
    const linked = await page.request.post(`/api/v1/compliance/${productId}/evidence/iec-81001-5-1/4`, { data: { recordType: 'audit_verification', recordId: null, title: '監査ログ検証 2026' }, headers: { 'x-csrf-token': token } });
    expect(linked.status()).toBe(201);
    await page.reload();
    const row = page.locator('tr', { has: page.locator('td.mono', { hasText: /^4\.1\.5$/ }) });
    await expect.poll(() => row.locator('td.num').textContent()).toBe('1');
    await page.getByRole('button', { name: '4.1.5 の証跡', exact: true }).click();
    const panel = page.locator('.side-panel');
    const item = panel.locator('.compliance-evidence-list li', { hasText: '監査ログ検証 2026' });
    await item.waitFor();
    expect(await item.locator('.compliance-evidence-origin').textContent()).toBe('上位項目 4 から');
    // What the link points at today, in Japanese on a Japanese screen (QA ra: it was English).
    expect(await item.locator('.compliance-evidence-current').textContent()).toBe('→ 監査ログのハッシュチェーン');
    expect(await panel.getByText('この項目に数えられる証跡はまだない。').count()).toBe(0);
    await shootBoth('compliance-evidence-inherited');
    await panel.getByRole('heading', { name: /^4\.1\.5 / }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.side-panel').count()).toBe(0);
    // An organisation-level entry (4.1.1) is set for the organisation: the status change goes to the organisation scope.
    const put = page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/assessments/'));
    await page.getByRole('combobox', { name: /^4\.1\.1 / }).selectOption('in_progress');
    expect((await put).url()).toContain('/api/v1/compliance/org/assessments/iec-81001-5-1%402021/4.1.1');
    await expect.poll(() => page.getByRole('combobox', { name: /^4\.1\.1 / }).inputValue()).toBe('in_progress');
  }, 90_000);

  it('suggests the release SBOM on the MHLW Annex A entries themselves, in the table and in the clause tree', async () => {
    await page.locator('.compliance-card', { hasText: '導入に関する手引書' }).first().click();
    // Items without a number of their own are cited by their section (6.6), never by the internal id.
    const milestone = page.locator('tr', { hasText: '販売開始時の提供情報' });
    await expect.poll(() => milestone.locator('td.mono').textContent()).toBe('6.6');
    expect(await page.locator('td.mono', { hasText: /milestones|patch-approval|[a-z]-[a-z]/ }).count()).toBe(0);
    expect(await page.locator('.compliance-matrix td.compliance-ref', { hasText: /[a-z]{3,}/ }).count()).toBe(0);
    await page.locator('.compliance-matrix').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-matrix-numbers-ja.png'), style: '.topbar { position: static !important; }' });
    const panel = page.locator('.side-panel');
    for (const id of ['A.2', 'A.4']) {
      await page.getByRole('button', { name: `${id} の証跡`, exact: true }).click();
      await panel.getByRole('heading', { name: new RegExp(`^${id.replace('.', '\\.')} `) }).waitFor();
      await panel.getByText('リリース 2.0.0 の現在の SBOM', { exact: false }).first().waitFor();
      expect(await panel.getByText('この項目への提案はない。').count()).toBe(0);
      if (id === 'A.2') await shootBoth('compliance-mhlw-sbom-suggestion', { fullPage: false });
      await panel.getByRole('heading', { name: new RegExp(`^${id.replace('.', '\\.')} `) }).focus();
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.side-panel').count()).toBe(0);
    }
    // The same entry opened from the clause tree.
    await page.getByRole('radio', { name: '箇条ツリー' }).check();
    await page.getByRole('button', { name: 'すべて展開' }).click();
    await page.locator('[role="treeitem"][data-key$="#A.2"] > .clause-row').click();
    await panel.getByText('リリース 2.0.0 の現在の SBOM', { exact: false }).first().waitFor();
    await panel.getByRole('heading', { name: /^A\.2 / }).focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.side-panel').count()).toBe(0);
    await page.getByRole('radio', { name: '表' }).check();
    await page.locator('.compliance-card').first().click();
  }, 90_000);

  it('filters to gaps and downloads the CSV', async () => {
    await page.getByLabel('ギャップのある項目のみ').check();
    await expect.poll(() => page.locator('td.mono', { hasText: /^8$/ }).count()).toBe(0);
    await shootBoth('compliance-gaps');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'ギャップ分析 CSV（日本語）' }).click()]);
    const file = await download.path();
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('"カタログ","項目"');
    // A product on the full route has no Annex F declaration: its report is not offered.
    await page.getByRole('link', { name: 'ギャップ分析 PDF（日本語）' }).waitFor();
    expect(await page.getByRole('link', { name: /附属書F 報告書/ }).count()).toBe(0);
  }, 90_000);

  it('bulk-sets statuses with the keyboard; not applicable asks for one justification', async () => {
    await page.getByLabel('ギャップのある項目のみ').uncheck();
    await page.locator('.compliance-card').first().click();
    for (const id of ['5.2.1', '5.2.2']) {
      await page.getByLabel(`${id} を選択`, { exact: true }).focus();
      await page.keyboard.press('Space');
    }
    await page.getByText('2 件選択中').waitFor();
    const bulk = page.getByRole('combobox', { name: '選択した項目の新しい状況' });
    await bulk.focus();
    await bulk.selectOption('not_applicable');
    const apply = page.getByRole('button', { name: '適用', exact: true });
    expect(await apply.isDisabled()).toBe(true);
    const reason = page.getByRole('textbox', { name: 'これらの項目が適用されない理由（全件共通）' });
    const why = '設計上のセキュアコーディング方針は上位文書で規定済みのため、本製品単独の活動はない。';
    await reason.fill(why);
    await reason.press('Enter');
    await page.getByText('2 件の状況を設定した。').waitFor();
    for (const id of ['5.2.1', '5.2.2']) {
      await expect.poll(() => page.getByLabel(`${id} の状況`, { exact: true }).inputValue()).toBe('not_applicable');
      expect(await page.getByLabel(`${id} を選択`, { exact: true }).isChecked()).toBe(false);
    }
    await expect.poll(() => page.locator('tr', { has: page.locator('td.mono', { hasText: /^5\.2\.1$/ }) }).textContent()).toContain(why);
    const stored = (await (await page.request.get(`/api/v1/compliance/${productId}/assessments`)).json()) as { entry: string; status: string; justification: string }[];
    for (const id of ['5.2.1', '5.2.2']) expect(stored.find((a) => a.entry === id)).toMatchObject({ status: 'not_applicable', justification: why });

    // A status other than not applicable needs no justification; select all then untick one.
    await page.getByLabel('表示中の項目をすべて選択').check();
    await page.getByLabel('5.2.1 を選択', { exact: true }).uncheck();
    const count = await page.locator('tbody td.compliance-pick input:checked').count();
    expect(count).toBeGreaterThan(5);
    expect(await page.getByLabel('表示中の項目をすべて選択').isChecked()).toBe(false);
    await page.getByRole('button', { name: '選択を解除' }).click();
    expect(await page.locator('tbody td.compliance-pick input:checked').count()).toBe(0);
    await page.getByLabel('5.2.2 を選択', { exact: true }).check();
    await bulk.selectOption('in_progress');
    expect(await reason.count()).toBe(0);
    await shootBoth('compliance-bulk');
    await page.locator('.compliance-bulk').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-bulk-view-ja.png'), style: '.topbar { position: static !important; }' });
    await page.getByRole('button', { name: '適用', exact: true }).click();
    await page.getByText('1 件の状況を設定した。').waitFor();
    await expect.poll(() => page.getByLabel('5.2.2 の状況', { exact: true }).inputValue()).toBe('in_progress');
    await expect.poll(() => page.getByLabel('5.2.1 の状況', { exact: true }).inputValue()).toBe('not_applicable');
    // The profile is not saved yet, so the product is on the full route: Annex F says why it does
    // not apply, wholly in Japanese (QA ra: it was "English / 日本語" in one string).
    const f2 = page.locator('tr', { has: page.locator('td.mono', { hasText: /^F\.2$/ }) });
    await expect.poll(() => f2.textContent()).toContain('フルルート（箇条4〜9）に従うため、附属書F（トランジションヘルスソフトウェア）は適用しない。');
    expect(await f2.textContent()).not.toContain('Full conformity route');
  }, 90_000);

  it('shows the dual-standard matrix from the gap analysis', async () => {
    const matrix = page.getByRole('group', { name: '二重基準マトリクス' });
    const side = (caption: string) => matrix.locator('table', { has: page.locator('caption', { hasText: caption }) });
    const mhlw = side('厚生労働省の文書が求め、IEC 81001-5-1 が求めない事項');
    const iec = side('IEC 81001-5-1 が求め、厚生労働省の文書が求めない事項');
    const gaps = (await (await page.request.get(`/api/v1/compliance/${productId}/gaps`)).json()) as { dualStandard: { side: string }[] };
    const want = (s: string) => gaps.dualStandard.filter((d) => d.side === s).length;
    expect(want('mhlw')).toBeGreaterThan(0);
    expect(want('iec')).toBeGreaterThan(0);
    await expect.poll(() => mhlw.locator('tbody tr').count()).toBe(want('mhlw'));
    await expect.poll(() => iec.locator('tbody tr').count()).toBe(want('iec'));
    await matrix.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(screenshotDir, 'compliance-matrix-view-ja.png'), style: '.topbar { position: static !important; }' });
  });

  it('getting started: answers the applicability questions, saves the profile and shows the guide', async () => {
    await page.getByRole('link', { name: 'はじめに：適用性の確認とガイド' }).click();
    await h1(`はじめに：${productName}`).waitFor();
    await page.getByRole('heading', { level: 2, name: '新任担当者のためのガイド' }).waitFor();
    await page.getByText('製品情報より：有線 LAN').waitFor();
    await page.getByText('プロファイルは未保存').waitFor();
    await page.getByRole('button', { name: '提案を表示' }).click();
    await page.getByRole('alert').getByText('新規開発品か市販中かを選択してください。').waitFor();
    await page.getByRole('radio', { name: '市販中' }).check();
    await page.getByRole('button', { name: '提案を表示' }).click();
    await page.getByText('この製品には基本要件基準第12条第3項が適用される。').waitFor();
    const annexF = page.getByRole('radio', { name: /附属書F ルート：トランジションヘルスソフトウェア/ });
    expect(await annexF.isChecked()).toBe(true);
    expect(await annexF.locator('xpath=..').textContent()).toContain('（提案）');
    await page.getByText('Q&A 2024-01-31', { exact: false }).first().waitFor();
    // The legacy-information notice applies to a product on the market; FDA does not (Japan only).
    const legacy = page.getByRole('checkbox', { name: /0417|レガシー/ }).first();
    expect(await legacy.isChecked()).toBe(true);
    const fda = page.getByRole('checkbox', { name: /524B/ }).first();
    expect(await fda.isChecked()).toBe(false);
    await shootBoth('compliance-start');
    await page.getByRole('button', { name: '製品の適合性プロファイルとして保存' }).click();
    await page.getByText(/保存した：附属書F ルート/).waitFor();
    const profile = (await (await page.request.get(`/api/v1/compliance/${productId}/profile`)).json()) as { saved: boolean; route: string; catalogs: string[]; answers: { onMarket: boolean; markets: string[] } };
    expect(profile).toMatchObject({ saved: true, route: 'annex_f', answers: { onMarket: true, markets: ['jp'] } });
    expect(profile.catalogs.some((c) => c.startsWith('mhlw-0417'))).toBe(true);
    expect(profile.catalogs.some((c) => c.startsWith('fdca-524b'))).toBe(false);
    await page.getByRole('link', { name: '適合性ページを開く' }).click();
    await h1(`適合性：${productName}`).waitFor();
    await expect.poll(() => page.locator('.page-subtitle, .subtitle, header p').first().textContent().catch(() => '')).toContain('附属書F ルート');
    // On the Annex F route the declaration report is offered, and it names the same route in sections 1 and 2.
    const [annexDoc] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: '附属書F 報告書 PDF（日本語）' }).click()]);
    expect(annexDoc.suggestedFilename()).toMatch(/^annex-f-.*\.ja\.pdf$/);
    // 4xx answers are logged by the browser itself (the session probe before login answers 401).
    const unexpected = consoleErrors.filter((e) => !/status of 4\d\d/.test(e));
    expect(unexpected, unexpected.join('\n')).toEqual([]);
  }, 90_000);
});
