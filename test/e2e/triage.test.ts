/**
 * The triage screen against a real server and a real Chromium: feeds imported with `mamori feeds
 * import`, a release analysed, then the priority queue driven by the keyboard (j/k to move, e/n for
 * states), the history, the queue closing a not-affected finding, a CSAF VEX download, and why a
 * known malicious package is critical in the evidence of the triage screen and the findings tab.
 * Screenshots in both languages go to test-results/e2e/triage-<name>-<lang>.png.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { describeInBrowser, repoRoot, screenshotDir, useBrowserSuite } from './harness.js';

const newPassword = 'Correct-Horse-Battery-42';
const fixture = readFileSync(path.join(repoRoot, 'test', 'fixtures', 'sbom-small.cdx.json'), 'utf8');

function writeFeeds(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'GHSA-35jh-r3h4-6jhm.json'),
    JSON.stringify({
      schema_version: '1.6.0',
      id: 'GHSA-35jh-r3h4-6jhm',
      modified: '2024-01-01T00:00:00Z',
      aliases: ['CVE-2021-23337'],
      summary: 'Command Injection in lodash',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'lodash' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
        },
      ],
    }),
  );
  writeFileSync(
    path.join(dir, 'GHSA-9wx4-h78v-vm56.json'),
    JSON.stringify({
      schema_version: '1.6.0',
      id: 'GHSA-9wx4-h78v-vm56',
      modified: '2024-06-10T00:00:00Z',
      aliases: ['CVE-2024-35195'],
      summary:
        'Requests Session object does not verify requests after making first request with verify=False',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:H/I:H/A:N' }],
      affected: [
        {
          package: { ecosystem: 'PyPI', name: 'requests' },
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.32.0' }] }],
        },
      ],
    }),
  );
  // A known malicious package: Leitwacht npm feed (conformance/advisories/leitwacht-npm-malicious.jsonl.gz),
  // LWA-2026-0053 with the OSV malicious-packages alias MAL-2026-4496 and no CVSS.
  writeFileSync(
    path.join(dir, 'LWA-2026-0053.json'),
    JSON.stringify({
      schema_version: '1.6.0',
      id: 'LWA-2026-0053',
      modified: '2026-02-01T00:00:00Z',
      aliases: ['MAL-2026-4496'],
      summary: 'Malicious code in bandkit (npm)',
      affected: [
        { package: { ecosystem: 'npm', name: 'bandkit', purl: 'pkg:npm/bandkit' }, versions: ['1.0.7'] },
      ],
    }),
  );
}

/** A CycloneDX 1.6 SBOM with one component, bandkit 1.0.7 (the malicious package above). */
const maliciousSbom = JSON.stringify({
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  version: 1,
  components: [
    {
      type: 'library',
      'bom-ref': 'bandkit',
      name: 'bandkit',
      version: '1.0.7',
      purl: 'pkg:npm/bandkit@1.0.7',
    },
  ],
});

describeInBrowser('triage end to end', () => {
  const suite = useBrowserSuite('triage', { acceptDownloads: true, screenshotPrefix: 'triage-' });
  const { consoleErrors, h1, csrf, apiPost, firstLogin, shootBoth, switchTo } = suite;
  let page: Page;
  beforeAll(() => {
    page = suite.page;
  });
  const ids = { product: '', release: '' };

  const rows = () => page.getByTestId('triage-queue').locator('li');

  it('logs in, imports feeds and analyses a release', async () => {
    await firstLogin(newPassword);

    ids.product = (
      await apiPost<{ id: string }>('/products', {
        name: '輸液ポンプ IP-300',
        manufacturer: '守りメディカル株式会社',
        modelNumbers: ['IP-300'],
      })
    ).id;
    ids.release = (
      await apiPost<{ id: string }>(`/products/${ids.product}/releases`, {
        version: '1.0.0',
        stage: 'support',
        releaseDate: '2024-04-01',
      })
    ).id;
    const up = await page.request.post(`/api/v1/releases/${ids.release}/sboms?fileName=bom.json`, {
      data: fixture,
      headers: { 'x-csrf-token': await csrf(), 'content-type': 'application/json' },
    });
    expect(up.status()).toBe(201);
    const feeds = path.join(suite.workDir, 'feeds');
    writeFeeds(feeds);
    const imported = await runCli(
      ['feeds', 'import', feeds, '--vuln-db', path.join(suite.workDir, 'data', 'vulndb.sqlite')],
      { cwd: suite.workDir },
    );
    expect(imported.code, imported.stderr).toBe(0);
    await apiPost(`/releases/${ids.release}/analyze`);
  });

  it('triages with the keyboard: j/k to move, hotkeys for states, history and closing', async () => {
    // Reached from the release page, as a user would.
    await page.goto(`/products/${ids.product}/releases/${ids.release}`);
    await page.getByRole('link', { name: 'トリアージと VEX' }).click();
    await page.waitForURL(`**/products/${ids.product}/releases/${ids.release}/triage`);
    await h1('トリアージ').waitFor();
    await expect.poll(() => rows().count()).toBe(2);
    expect(await rows().nth(0).textContent()).toMatch(/CVE-2021-23337.*lodash/);
    expect(await page.getByTestId('triage-detail').getByRole('heading').first().textContent()).toMatch(
      /CVE-2021-23337/,
    );
    await shootBoth('queue');

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('e');
    await expect.poll(() => rows().nth(0).getByTestId('row-state').textContent()).toBe('悪用可能');
    await expect.poll(() => page.getByTestId('triage-history').locator('li').count()).toBe(1);
    // The form follows the decision just recorded, so "Record decision" does not undo it.
    const stateField = page.getByLabel('状態', { exact: true });
    await expect.poll(() => stateField.inputValue()).toBe('exploitable');
    expect(await stateField.locator('option:checked').textContent()).toBe('悪用可能');
    await page.getByLabel('詳細（理由）').fill('ネットワーク経由で到達可能');
    await page.getByRole('button', { name: '判断を記録' }).click();
    await expect.poll(() => page.getByTestId('triage-history').locator('li').count()).toBe(2);
    expect(await rows().nth(0).getByTestId('row-state').textContent()).toBe('悪用可能');
    expect(await page.getByTestId('triage-history').textContent()).not.toContain('調査中');
    await shootBoth('after-hotkey');

    await page.keyboard.press('j');
    await expect
      .poll(() => page.getByTestId('triage-detail').getByRole('heading').first().textContent())
      .toMatch(/CVE-2024-35195/);
    await page.keyboard.press('k');
    await expect
      .poll(() => page.getByTestId('triage-detail').getByRole('heading').first().textContent())
      .toMatch(/CVE-2021-23337/);
    await page.keyboard.press('j');
    // Moving on shows that finding's own (empty) decision, not the previous one's detail.
    await expect.poll(() => page.getByLabel('詳細（理由）').inputValue()).toBe('');
    expect(await stateField.inputValue()).toBe('in_triage');
    // Not affected without a justification or a detail: a message in the reader's language, no request.
    await stateField.selectOption('not_affected');
    await page.getByRole('button', { name: '判断を記録' }).click();
    const reasonAlert = page
      .getByRole('alert')
      .filter({ hasText: '「影響なし」と判断するには、正当化理由を選ぶか、詳細に理由を書いてください。' });
    await reasonAlert.waitFor();
    expect(await page.getByTestId('triage-detail').textContent()).not.toMatch(/not_affected|justification/);
    await shootBoth('needs-reason');
    await page.getByLabel('正当化理由（影響なし／誤検知）').selectOption('code_not_reachable');
    // A long reasoning: the release's findings table shortens it (QA ra #17).
    await page
      .getByLabel('詳細（理由）')
      .fill(
        'verify=False は使っていない。requests.Session は起動時に一度だけ作られ、証明書の検証は常に有効で、CA バンドルは製品のファームウェアに同梱し、更新は署名付きパッケージでのみ行う',
      );
    await page.getByRole('button', { name: '判断を記録' }).click();
    // Not affected closes the finding: it leaves the queue unless closed ones are shown.
    await expect.poll(() => rows().count()).toBe(1);
    await page.getByLabel('クローズ済みも表示').check();
    await expect.poll(() => rows().count()).toBe(2);
    await shootBoth('decided');
  });

  it('downloads CSAF VEX that names the decisions, a draft until the publisher namespace is given', async () => {
    type Csaf = {
      document: { category: string; tracking: { status: string }; publisher: { namespace: string } };
      vulnerabilities: { cve: string; product_status: Record<string, string[]> }[];
    };
    const downloadCsaf = async (name: string): Promise<Csaf> => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-csaf_vex').click(),
      ]);
      const file = path.join(suite.workDir, name);
      await download.saveAs(file);
      return JSON.parse(readFileSync(file, 'utf8')) as Csaf;
    };
    const draft = await downloadCsaf('csaf-draft.json');
    expect([draft.document.tracking.status, draft.document.publisher.namespace]).toEqual([
      'draft',
      'https://mamori.invalid',
    ]);
    const field = page.getByLabel('CSAF 発行者の名前空間');
    await field.fill('psirt.example.jp');
    await expect.poll(() => page.getByText('https の URL を入力してください').isVisible()).toBe(true);
    await field.fill('https://psirt.example.jp');
    await shootBoth('csaf-namespace');
    const csaf = await downloadCsaf('csaf.json');
    expect([csaf.document.tracking.status, csaf.document.publisher.namespace]).toEqual([
      'final',
      'https://psirt.example.jp',
    ]);
    expect(csaf.document.category).toBe('csaf_vex');
    const byCve = Object.fromEntries(csaf.vulnerabilities.map((v) => [v.cve, Object.keys(v.product_status)]));
    expect(byCve).toEqual({ 'CVE-2021-23337': ['known_affected'], 'CVE-2024-35195': ['known_not_affected'] });
  });

  it('saves VEX under a file name that keeps the Japanese product name', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-cyclonedx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('vex-輸液ポンプ IP-300-1.0.0.cdx.json');
    const [openvex] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-openvex').click(),
    ]);
    expect(openvex.suggestedFilename()).toBe('vex-輸液ポンプ IP-300-1.0.0.openvex.json');
    // The login page's first session probe answers 401 by design.
    expect(consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });

  it('shows a viewer the decisions without the decision hotkeys or the form', async () => {
    await apiPost('/users', {
      email: 'auditor@example.com',
      displayName: '監査 太郎',
      role: 'viewer',
      password: newPassword,
    });
    const { context: auditorContext, page: auditor } = await suite.loginInNewContext(
      'auditor@example.com',
      newPassword,
    );
    try {
      await auditor.getByRole('heading', { level: 1, name: '製品' }).waitFor();
      await auditor.goto(`/products/${ids.product}/releases/${ids.release}/triage`);
      await auditor.getByRole('heading', { level: 1, name: 'トリアージ' }).waitFor();
      const detail = auditor.getByTestId('triage-detail');
      await detail.getByTestId('triage-decision-readonly').waitFor();
      expect(await auditor.getByTestId('triage-keys').textContent()).toBe('キー操作：j / ↓ 次、k / ↑ 前。');
      expect(await detail.getByText('悪用可能', { exact: true }).count()).toBeGreaterThan(0);
      expect(await detail.locator('select, textarea, input, button[type="submit"]').count()).toBe(0);
      expect(await auditor.getByRole('button', { name: '判断を記録' }).count()).toBe(0);
      // The decision hotkeys do nothing for a viewer; moving through the queue still works.
      await auditor.getByLabel('クローズ済みも表示').check();
      await expect.poll(() => auditor.getByTestId('triage-queue').locator('li').count()).toBe(2);
      await auditor.locator('body').click({ position: { x: 5, y: 5 } });
      await auditor.keyboard.press('n');
      await auditor.keyboard.press('j');
      await expect.poll(() => detail.getByRole('heading').first().textContent()).toMatch(/CVE-2024-35195/);
      expect(await detail.getByTestId('triage-decision-readonly').textContent()).toContain(
        'verify=False は使っていない',
      );
      expect(
        await auditor.getByTestId('triage-queue').locator('li').nth(0).getByTestId('row-state').textContent(),
      ).toBe('悪用可能');
      await auditor.screenshot({ path: path.join(screenshotDir, 'triage-viewer-ja.png'), fullPage: true });

      // Which product and release this is, and the way back to it (QA auditor report #8).
      expect(await auditor.getByTestId('triage-context').textContent()).toBe(
        '‹ 輸液ポンプ IP-300 › リリース 1.0.0',
      );
      expect(
        await auditor.getByRole('navigation', { name: '製品とリリース' }).getByRole('link').allTextContents(),
      ).toEqual(['輸液ポンプ IP-300', 'リリース 1.0.0']);
      expect(await auditor.title()).toBe('トリアージ – 輸液ポンプ IP-300 1.0.0 – mamori');
      // The namespace field and the radio buttons look like every other field of the app.
      expect(await auditor.getByLabel('CSAF 発行者の名前空間').getAttribute('class')).toContain('input');
      expect(
        await auditor.getByTestId('vex-variant-hospital').evaluate((e) => getComputedStyle(e).accentColor),
      ).not.toBe('auto');
      await auditor.getByTestId('triage-back').click();
      await auditor.getByRole('heading', { level: 1, name: 'リリース 1.0.0' }).waitFor();

      // The release's findings tab shows each decision, and filters by it (QA auditor report #4).
      const table = auditor.getByTestId('findings-table');
      await table.waitFor();
      expect(await table.getByRole('columnheader', { name: '判断' }).count()).toBe(1);
      const decisionOf = async (id: string) =>
        (await table
          .locator('tbody > tr:not(.row-detail)')
          .filter({ hasText: id })
          .getByTestId('finding-decision')
          .textContent()) ?? '';
      expect(await decisionOf('CVE-2021-23337')).toBe('悪用可能ネットワーク経由で到達可能');
      expect(await decisionOf('CVE-2024-35195')).toMatch(
        /^影響なしコードに到達しないverify=False は使っていない。requests\.Session .*…$/,
      );
      // At 1400 px the table fits its card: the long reasoning wraps and ends in an ellipsis, its full
      // text in the title, and no column runs past the right edge (QA ra #17).
      await auditor.setViewportSize({ width: 1400, height: 900 });
      const reasoning = table
        .locator('tbody > tr:not(.row-detail)')
        .filter({ hasText: 'CVE-2024-35195' })
        .locator('.vx-decision-detail');
      expect(await reasoning.getAttribute('title')).toMatch(
        /^verify=False は使っていない。.*署名付きパッケージでのみ行う$/,
      );
      const fit = await table.evaluate((t) => {
        const scroller = t.parentElement!;
        const card = scroller.getBoundingClientRect();
        const cells = [...t.querySelectorAll('th, td')].map((c) => c.getBoundingClientRect().right);
        return {
          overflow: scroller.scrollWidth - scroller.clientWidth,
          rightmost: Math.max(...cells),
          edge: card.right,
        };
      });
      expect(fit.overflow).toBeLessThanOrEqual(0);
      expect(fit.rightmost).toBeLessThanOrEqual(fit.edge + 0.5);
      await auditor.screenshot({
        path: path.join(screenshotDir, 'triage-viewer-findings-1400-ja.png'),
        fullPage: true,
      });
      await auditor.screenshot({
        path: path.join(screenshotDir, 'triage-viewer-findings-ja.png'),
        fullPage: true,
      });
      await auditor.getByLabel('判断', { exact: true }).selectOption('not_affected');
      await expect.poll(() => table.locator('tbody > tr:not(.row-detail)').count()).toBe(1);
      expect(await decisionOf('CVE-2024-35195')).toContain('影響なし');
      await auditor.getByLabel('判断', { exact: true }).selectOption('undecided');
      await auditor.getByRole('heading', { name: '条件に合う検出結果はありません' }).waitFor();
    } finally {
      await auditorContext.close();
    }
  });

  it('says on the triage screen, the findings tab and the vulnerability page why a malicious package is critical', async () => {
    const product = (
      await apiPost<{ id: string }>('/products', {
        name: 'ナースコール連携 NC-1',
        manufacturer: '守りメディカル株式会社',
        modelNumbers: ['NC-1'],
      })
    ).id;
    const release = (
      await apiPost<{ id: string }>(`/products/${product}/releases`, {
        version: '3.0.0',
        stage: 'support',
        releaseDate: '2026-03-01',
      })
    ).id;
    const up = await page.request.post(`/api/v1/releases/${release}/sboms?fileName=bom.json`, {
      data: maliciousSbom,
      headers: { 'x-csrf-token': await csrf(), 'content-type': 'application/json' },
    });
    expect(up.status()).toBe(201);
    await apiPost(`/releases/${release}/analyze`);
    const jaReason =
      '既知の悪意あるパッケージです（MAL-2026-4496）。正当なコードの欠陥ではなく、害を与える目的で書かれたコードとして報告されているため、CVSS スコアの有無や値にかかわらず重大度を「緊急」として扱います。';
    const enReason =
      'A known malicious package (MAL-2026-4496): reported as code written to do harm, not as a flaw in legitimate code, so its severity is Critical whatever a CVSS score says.';

    // Triage: the selected finding's evidence starts with the reason, in the reader's language.
    await page.goto(`/products/${product}/releases/${release}/triage`);
    await h1('トリアージ').waitFor();
    await expect.poll(() => rows().count()).toBe(1);
    const detail = page.getByTestId('triage-detail');
    expect(await detail.getByRole('heading').first().textContent()).toMatch(/LWA-2026-0053.*bandkit 1\.0\.7/);
    const note = detail.getByTestId('malicious-package');
    await note.waitFor();
    expect(await note.textContent()).toBe(`悪意あるパッケージ ${jaReason}`);
    expect(await detail.textContent()).toContain('緊急');
    // Its priority puts it at the top of the queue (it used to be P4 with no CVSS), and says why.
    expect(await page.getByTestId('priority-score').textContent()).toBe('85 (P1) = 50 + 35 + 0');
    expect(await page.getByTestId('priority-malicious').textContent()).toMatch(
      /^既知の悪意あるパッケージ：.*KEV/,
    );
    const evidence = page.getByTestId('triage-evidence');
    expect(await evidence.textContent()).toContain(
      'このバージョンは LWA-2026-0053 の影響バージョン一覧に含まれています。',
    );
    // The matcher's English note is not shown beside the translation.
    expect(await evidence.textContent()).not.toContain('malicious package (');
    await shootBoth('malicious');
    await switchTo('en');
    expect(await note.textContent()).toBe(`Malicious package ${enReason}`);
    await switchTo('ja');

    // The release's findings tab: a badge on the row, the reason above the evidence.
    await page.goto(`/products/${product}/releases/${release}?tab=findings`);
    const table = page.getByTestId('findings-table');
    await table.waitFor();
    const row = table.locator('tbody > tr:not(.row-detail)').first();
    expect(await row.textContent()).toMatch(
      /LWA-2026-0053.*悪意あるパッケージ.*MAL-2026-4496.*緊急.*bandkit/,
    );
    const expander = page.getByRole('button', { name: 'bandkit の LWA-2026-0053 の根拠を表示' });
    await expander.focus();
    await page.keyboard.press('Enter');
    const open = page.locator('tr.row-detail');
    expect(await open.getByTestId('malicious-package').textContent()).toBe(`悪意あるパッケージ ${jaReason}`);
    expect(await open.textContent()).not.toContain('malicious package (');
    await shootBoth('malicious-findings');

    // The vulnerability's own page.
    await page.goto('/vulnerabilities/LWA-2026-0053');
    await h1('LWA-2026-0053').waitFor();
    expect(await page.getByTestId('malicious-package').textContent()).toBe(`悪意あるパッケージ ${jaReason}`);
    await shootBoth('malicious-vulnerability');
    expect(consoleErrors.filter((e) => !/status of 401/.test(e))).toEqual([]);
  });
});
