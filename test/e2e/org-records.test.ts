/**
 * The organisation records page against a real server and a real Chromium: reached from the main
 * navigation, a committee member added from the keyboard, a process review whose due date has passed
 * (highlighted as overdue, named in the summary), client-side validation naming the field, editing,
 * several forms open at once keeping their own drafts (and a warning before leaving with unsaved
 * ones), and the evidence suggestion on the compliance side. Screenshots go to
 * test-results/e2e/org-records-<lang>.png and org-records-drafts-<lang>.png.
 */
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { describeInBrowser, type Lang, screenshotDir, useBrowserSuite } from './harness.js';

const newPassword = 'Correct-Horse-Battery-42';

describeInBrowser('organisation records page end to end', () => {
  const suite = useBrowserSuite('org-records', { screenshotPrefix: 'org-records-' });
  const { consoleErrors, h1, lang, switchTo, firstLogin, shootBoth } = suite;
  let page: Page;
  beforeAll(() => {
    page = suite.page;
  });

  const section = (kind: string) => page.locator(`section[data-kind="${kind}"]`);
  /** The field of that label in that form (or section) has the keyboard focus. */
  const focused = (scope: Locator, label: string) => scope.getByLabel(label, { exact: true }).evaluate((el) => el === document.activeElement);

  it('logs in and opens the page from the main navigation', async () => {
    await firstLogin(newPassword);
    await page.getByRole('navigation').getByRole('link', { name: '組織の記録' }).click();
    await h1('組織の記録').waitFor();
    await page.getByText('セキュリティ委員会の構成員が記録されていません。').waitFor();
    // The login page's session probe answers 401 by design; from here on the console must stay clean.
    consoleErrors.length = 0;
  }, 90_000);

  it('adds a committee member from the keyboard', async () => {
    await section('committee_member').getByRole('button', { name: '委員を追加' }).click();
    // The form takes focus on its first field; everything else is reached with Tab.
    await expect.poll(() => focused(section('committee_member'), '氏名')).toBe(true);
    await page.keyboard.type('佐藤 花子');
    await page.keyboard.press('Tab');
    await expect.poll(() => focused(section('committee_member'), '役割')).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('QA 部');
    await page.getByLabel('メールアドレス', { exact: true }).fill('not-an-address');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('メールアドレス（name@example.com）を入力してください。').waitFor();
    await expect.poll(() => focused(section('committee_member'), 'メールアドレス')).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('sato@example.com');
    await page.getByLabel('役割', { exact: true }).selectOption('chair');
    await page.keyboard.press('Enter');
    await page.getByText('委員を保存しました。').waitFor();
    const row = section('committee_member').locator('tbody tr', { hasText: '佐藤 花子' });
    await expect.poll(() => row.textContent()).toContain('委員長');
    await expect.poll(() => row.textContent()).toContain('QA 部');
    await expect.poll(() => page.getByText('セキュリティ委員会の構成員が記録されていません。').count()).toBe(0);
  }, 60_000);

  it('adds an overdue process review: highlighted and named in the summary', async () => {
    const s = section('process_review');
    await s.getByRole('button', { name: 'プロセスレビューを追加' }).click();
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => s.getByText('入力してください。').count()).toBe(4);
    await page.getByLabel('レビュー実施日').fill('2025-03-01');
    await page.getByLabel('対象プロセス・範囲').fill('セキュリティ欠陥管理（4.1.8）');
    await page.getByLabel('レビュー実施者').fill('佐藤\n田中');
    await page.getByLabel('所見').fill('修正の遅延が 2 件。');
    await page.getByLabel('次回レビュー期限').fill('2025-02-01');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await s.getByText('開始日より前の日付にはできません。').waitFor();
    await page.getByLabel('次回レビュー期限').fill('2025-09-01');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('プロセスレビューを保存しました。').waitFor();
    const row = s.locator('tbody tr', { hasText: 'セキュリティ欠陥管理' });
    await expect.poll(() => row.getAttribute('class')).toBe('orgrec-attention');
    await expect.poll(() => row.textContent()).toContain('期限超過');
    await expect.poll(() => row.textContent()).toContain('佐藤, 田中');
    await page.getByText('期限を過ぎたプロセスレビューが 1 件あります。').waitFor();
    expect(consoleErrors).toEqual([]);
  }, 60_000);

  it('edits the review: the next one is due later, so it is no longer overdue', async () => {
    const s = section('process_review');
    await s.getByRole('button', { name: 'セキュリティ欠陥管理（4.1.8） を編集' }).click();
    await expect.poll(() => page.getByLabel('対象プロセス・範囲').inputValue()).toBe('セキュリティ欠陥管理（4.1.8）');
    await page.getByLabel('次回レビュー期限').fill('2099-03-01');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const row = s.locator('tbody tr', { hasText: 'セキュリティ欠陥管理' });
    await expect.poll(() => row.textContent()).toContain('有効');
    await expect.poll(() => page.getByText('期限を過ぎたプロセスレビューが').count()).toBe(0);
    // Back to overdue for the screenshots.
    await s.getByRole('button', { name: 'セキュリティ欠陥管理（4.1.8） を編集' }).click();
    await page.getByLabel('次回レビュー期限').fill('2025-09-01');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(() => row.textContent()).toContain('期限超過');
  }, 60_000);

  it('keeps the draft of every open form until it is saved or cancelled, and asks before leaving with unsaved drafts', async () => {
    const committee = section('committee_member');
    const reviews = section('process_review');
    const contacts = section('contact_point');
    const newMember = committee.locator('form', { hasText: '新しい委員' });
    const newReview = reviews.locator('form', { hasText: '新しいプロセスレビュー' });
    const editReview = reviews.locator('form', { hasText: 'プロセスレビューを編集' });
    const newContact = contacts.locator('form', { hasText: '新しい報告窓口' });
    const value = (form: Locator, label: string) => form.getByLabel(label, { exact: true }).inputValue();
    const dialog = page.getByRole('dialog', { name: '保存せずに移動しますか？' });
    const auditLink = () => page.getByRole('navigation', { name: 'メイン' }).getByRole('link', { name: '監査ログ' });

    // A new committee member, half typed.
    await committee.getByRole('button', { name: '委員を追加' }).click();
    await expect.poll(() => focused(newMember, '氏名')).toBe(true);
    await page.keyboard.type('鈴木 一郎');
    await newMember.getByLabel('部署', { exact: true }).fill('品質保証部');
    // Another form opened: the first keeps its draft and says it is unsaved.
    await reviews.getByRole('button', { name: 'プロセスレビューを追加' }).click();
    await expect.poll(() => focused(newReview, 'レビュー実施日')).toBe(true);
    await newReview.getByLabel('対象プロセス・範囲').fill('脆弱性の公開（5.8）');
    expect(await value(newMember, '氏名')).toBe('鈴木 一郎');
    expect(await newMember.textContent()).toContain('未保存の変更あり');
    // Editing an existing record opens a third form beside the two.
    await reviews.getByRole('button', { name: 'セキュリティ欠陥管理（4.1.8） を編集' }).click();
    expect(await editReview.getByRole('heading').textContent()).toBe('プロセスレビューを編集：セキュリティ欠陥管理（4.1.8）');
    await editReview.getByLabel('処置').fill('修正手順を改訂した。');
    expect(await value(newReview, '対象プロセス・範囲')).toBe('脆弱性の公開（5.8）');
    await shootBoth('drafts');

    // Saving one form closes only that one; the others keep what was typed.
    await editReview.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('プロセスレビューを保存しました。').waitFor();
    await expect.poll(() => editReview.count()).toBe(0);
    expect(await value(newMember, '氏名')).toBe('鈴木 一郎');
    expect(await value(newMember, '部署')).toBe('品質保証部');
    expect(await value(newReview, '対象プロセス・範囲')).toBe('脆弱性の公開（5.8）');
    // A fourth form, opened and saved in between, changes nothing either.
    await contacts.getByRole('button', { name: '報告窓口を追加' }).click();
    await newContact.getByLabel('連絡先').fill('psirt@example.jp');
    await newContact.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('報告窓口を保存しました。').waitFor();
    await contacts.locator('tbody tr', { hasText: 'psirt@example.jp' }).waitFor();
    expect(await value(newMember, '氏名')).toBe('鈴木 一郎');
    expect(await value(newReview, '対象プロセス・範囲')).toBe('脆弱性の公開（5.8）');
    // "Add" on a kind whose form is open moves to that form rather than emptying it.
    await committee.getByRole('button', { name: '委員を追加' }).click();
    await expect.poll(() => focused(newMember, '氏名')).toBe(true);
    expect(await value(newMember, '氏名')).toBe('鈴木 一郎');

    // Leaving with unsaved drafts asks first; staying keeps them.
    await auditLink().click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'キャンセル' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(new URL(page.url()).pathname).toBe('/organization/records');
    expect(await value(newMember, '氏名')).toBe('鈴木 一郎');

    // Cancelling a form drops its draft only; with the last one cancelled nothing is unsaved.
    await newReview.getByRole('button', { name: 'キャンセル' }).click();
    await expect.poll(() => newReview.count()).toBe(0);
    expect(await value(newMember, '氏名')).toBe('鈴木 一郎');
    await newMember.getByRole('button', { name: 'キャンセル' }).click();
    await expect.poll(() => newMember.count()).toBe(0);
    expect(await committee.locator('tbody tr', { hasText: '鈴木 一郎' }).count()).toBe(0);
    await auditLink().click();
    await h1('監査ログ').waitFor();
    expect(await dialog.count()).toBe(0);
    await page.goBack();
    await h1('組織の記録').waitFor();
    expect(consoleErrors).toEqual([]);
  }, 90_000);

  it('takes screenshots in both languages', async () => {
    for (const l of [(await lang()), (await lang()) === 'ja' ? 'en' : 'ja'] as Lang[]) {
      if ((await lang()) !== l) await switchTo(l);
      await h1(l === 'ja' ? '組織の記録' : 'Organisation records').waitFor();
      await page.screenshot({ path: path.join(screenshotDir, `org-records-${l}.png`), fullPage: true, animations: 'disabled', style: '.toast-region { display: none !important; } .topbar { position: static !important; }' });
    }
    await page.getByText('1 process review(s) are overdue.').waitFor();
    await switchTo('ja');
  }, 60_000);

  it('names the changes in the audit log by entity and verb, in both languages', async () => {
    await page.goto('/audit');
    await h1('監査ログ').waitFor();
    await page.getByText('組織の記録の作成').first().waitFor();
    await page.locator('tbody').getByText('セキュリティ委員', { exact: true }).first().waitFor();
    // A committee member, a process review and a contact point.
    await expect.poll(() => page.getByText('org_record.create', { exact: true }).count()).toBe(3);
    await page.getByLabel('対象の種類').selectOption('process_review');
    await page.waitForURL(/entityType=process_review/);
    // Once the filtered page has loaded: the review's creation and its edit, not the committee member.
    await expect.poll(() => page.getByText('org_record.create', { exact: true }).count()).toBe(1);
    await page.getByText('組織の記録の更新').first().waitFor();
    await switchTo('en');
    await page.getByText('Organisation record: updated').first().waitFor();
    await page.locator('tbody').getByText('Process review', { exact: true }).first().waitFor();
    await switchTo('ja');
  }, 60_000);

  it('shows the committee as suggested evidence of IEC 4.1.2 in a product’s compliance panel, and links it', async () => {
    const token = ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
    const product = await page.request.post('/api/v1/products', {
      data: { name: '輸液ポンプ IP-300', modelNumbers: [], manufacturer: 'Example Medical K.K.', deviceClass: 'III', isSamd: false, useEnvironments: [], connectivity: [], description: '' },
      headers: { 'x-csrf-token': token },
    });
    expect(product.status()).toBe(201);
    const productId = ((await product.json()) as { id: string }).id;
    await page.goto(`/products/${productId}/compliance`);
    await page.locator('.compliance-card').first().click();
    await page.getByRole('button', { name: '4.1.2 の証跡', exact: true }).click();
    const panel = page.locator('.side-panel');
    // The suggestion's title is in the screen's language (Japanese here).
    await panel.getByText('セキュリティ委員会の構成員', { exact: true }).waitFor();
    await panel.getByText('セキュリティ委員会の構成員と役割（現任 1 名）', { exact: false }).waitFor();
    await panel.getByRole('button', { name: '証跡としてリンク' }).first().click();
    await panel.getByText('リンク済み').first().waitFor();
    // What the link points at, in Japanese on a Japanese screen (QA ra: it was English).
    await panel.getByText('→ セキュリティ委員会の構成員: 1 件', { exact: true }).waitFor();
    expect(await panel.getByText('Security committee members').count()).toBe(0);
    const evidence = (await (await page.request.get(`/api/v1/compliance/org/evidence?catalog=${encodeURIComponent('iec-81001-5-1@2021')}&entry=4.1.2`)).json()) as { productId: string | null; recordType: string }[];
    expect(evidence.map((e) => [e.productId, e.recordType])).toContainEqual([null, 'org_committee']);
    await page.keyboard.press('Escape');
  }, 60_000);

  it('shows the page read-only to a viewer (auditor)', async () => {
    const token = ((await (await page.request.get('/api/v1/session')).json()) as { csrfToken: string }).csrfToken;
    const created = await page.request.post('/api/v1/users', {
      data: { email: 'auditor@example.com', displayName: '監査 太郎', role: 'viewer', password: newPassword },
      headers: { 'x-csrf-token': token },
    });
    expect(created.status()).toBe(201);
    const { context: auditorContext, page: auditor } = await suite.loginInNewContext('auditor@example.com', newPassword, { width: 1280, height: 900 });
    try {
      const heading = (name: string) => auditor.getByRole('heading', { level: 1, name });
      await heading('製品').or(heading('新しいパスワードの設定')).waitFor();
      await auditor.goto('/organization/records');
      await heading('組織の記録').waitFor();
      await auditor.getByText('この記録は閲覧のみできます（現在のロールでは変更できません）。').waitFor();
      await auditor.locator('section[data-kind="committee_member"] tbody tr', { hasText: '佐藤 花子' }).waitFor();
      expect(await auditor.getByRole('button', { name: /を追加|を編集|をアーカイブ/ }).count()).toBe(0);
    } finally {
      await auditorContext.close();
    }
  }, 60_000);

  it('suggests the records as organisation evidence', async () => {
    const res = await page.request.get('/api/v1/compliance/org/suggestions');
    expect(res.status()).toBe(200);
    const list = (await res.json()) as { entry: string; recordType: string; available: boolean }[];
    expect(list.find((x) => x.entry === '4.1.2' && x.recordType === 'org_committee')?.available).toBe(true);
    expect(list.find((x) => x.entry === '4.1.8' && x.recordType === 'org_process_reviews')?.available).toBe(true);
    expect(list.find((x) => x.entry === '4.1.4' && x.recordType === 'org_training')?.available).toBe(false);
  });
});
