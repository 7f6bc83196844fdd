/**
 * Feed monitoring as evidence of IEC 81001-5-1 6.2.1 (QA ra report 3): what the vulnerability
 * database says of itself, in the words of the suggestion and of the linked evidence. The date of
 * each feed's newest data and whether it is stale follow `mamori feeds status` (src/vulndb/feed-states.ts:
 * `feedAge` with `defaultStaleDays`), so a database filled years ago is never presented as kept up to date.
 */
import { defaultStaleDays, feedAge, type FeedState } from '../vulndb/feed-states.js';

export interface Localized {
  readonly ja: string;
  readonly en: string;
}

export interface FeedMonitoringSummary {
  /** Whether there is feed data to link at all. */
  readonly available: boolean;
  readonly reason: Localized;
  /** Stale feeds, failed syncs or undated data: said before the link, never counted silently. */
  readonly warning: Localized | null;
  /** What the linked evidence points at today (one line, in each language); null when there is no database to point at. */
  readonly label: Localized | null;
}

/**
 * The summary of the feeds at `now`.
 * `exists`: the database file exists; `states`: its feeds (null when they cannot be read).
 */
export function feedMonitoringSummary(exists: boolean, states: readonly FeedState[] | null, now: Date, staleDays = defaultStaleDays): FeedMonitoringSummary {
  if (!exists && (states === null || states.length === 0))
    return {
      available: false,
      reason: { ja: '脆弱性データベースがまだない（なし）。フィードの監視を始めると提案される。', en: 'No vulnerability database yet (none). It is suggested once feed monitoring runs.' },
      warning: null,
      label: null,
    };
  if (states === null)
    return {
      available: true,
      reason: {
        ja: '脆弱性データベース（vulndb.sqlite）はあるが、各フィードのデータの日付を読めない。',
        en: 'The vulnerability database (vulndb.sqlite) exists, but the dates of its feed data cannot be read.',
      },
      warning: {
        ja: 'データの日付が不明: 証跡とする前に `mamori feeds status` でフィードが最新か確かめること。',
        en: 'Data dates unknown: check with `mamori feeds status` that the feeds are current before citing this.',
      },
      label: { ja: 'vulndb.sqlite（データの日付が不明）', en: 'vulndb.sqlite (data dates unknown)' },
    };
  const feeds = states.filter((f) => f.records > 0 || f.lastImportedAt !== null || f.lastFailure !== null).map((f) => ({ ...f, ...feedAge(f, now, staleDays) }));
  if (!feeds.some((f) => f.records > 0))
    return {
      available: false,
      reason: {
        ja: '脆弱性データベースにフィードのデータがまだない（なし）。フィードを取り込むと提案される。',
        en: 'The vulnerability database holds no feed data yet (none). It is suggested once feeds are imported.',
      },
      warning: null,
      label: { ja: 'vulndb.sqlite（フィードのデータなし）', en: 'vulndb.sqlite (no feed data)' },
    };
  const day = (d: string | null) => (d === null ? null : d.slice(0, 10));
  const each = (lang: 'ja' | 'en') =>
    feeds
      .map((f) =>
        f.newest === null
          ? `${f.feed} ${lang === 'ja' ? '日付不明' : 'date unknown'}`
          : `${f.feed} ${day(f.newest)} (${lang === 'ja' ? `${f.ageDays} 日前` : `${f.ageDays} day${f.ageDays === 1 ? '' : 's'} old`})`,
      )
      .join(lang === 'ja' ? '、' : ', ');
  const stale = feeds.filter((f) => f.stale).map((f) => f.feed);
  const undated = feeds.filter((f) => f.records > 0 && f.newest === null).map((f) => f.feed);
  const failed = feeds.filter((f) => f.lastFailure !== null).map((f) => f.feed);
  const problems = { ja: [] as string[], en: [] as string[] };
  if (stale.length > 0) {
    problems.ja.push(`${stale.join('、')} の最新データが ${staleDays} 日より古い（stale）`);
    problems.en.push(`the newest data of ${stale.join(', ')} is older than ${staleDays} days (stale)`);
  }
  if (failed.length > 0) {
    problems.ja.push(`${failed.join('、')} の最後の同期が失敗した`);
    problems.en.push(`the last sync of ${failed.join(', ')} failed`);
  }
  if (undated.length > 0) {
    problems.ja.push(`${undated.join('、')} のデータの日付が不明`);
    problems.en.push(`the data date of ${undated.join(', ')} is unknown`);
  }
  const warning =
    problems.en.length > 0
      ? {
          ja: `注意: ${problems.ja.join('。')}。フィードを更新するまで、公開された脆弱性を継続的に監視している証跡にはならない（mamori feeds status と同じ基準）。`,
          en: `Warning: ${problems.en.join('; ')}. Until the feeds are updated this does not show that public vulnerability information is being monitored (same rule as mamori feeds status).`,
        }
      : null;
  return {
    available: true,
    reason:
      warning === null
        ? {
            ja: `脆弱性データベース（vulndb.sqlite）の各フィードの最新データ: ${each('ja')}。どのフィードも ${staleDays} 日以内のデータを持ち、公開された脆弱性の監視記録になる。`,
            en: `Newest data of each feed in the vulnerability database (vulndb.sqlite): ${each('en')}. Every feed holds data no older than ${staleDays} days: a record of monitoring public vulnerability information.`,
          }
        : {
            ja: `脆弱性データベース（vulndb.sqlite）の各フィードの最新データ: ${each('ja')}。`,
            en: `Newest data of each feed in the vulnerability database (vulndb.sqlite): ${each('en')}.`,
          },
    warning,
    label: {
      ja: `vulndb.sqlite: ${each('ja')}${stale.length > 0 ? ` — 最新データが ${staleDays} 日より古い（stale）: ${stale.join('、')}` : ''}${failed.length > 0 ? ` — 最後の同期に失敗: ${failed.join('、')}` : ''}`,
      en: `vulndb.sqlite: ${each('en')}${stale.length > 0 ? ` — STALE: ${stale.join(', ')} (older than ${staleDays} days)` : ''}${failed.length > 0 ? ` — last sync failed: ${failed.join(', ')}` : ''}`,
    },
  };
}
