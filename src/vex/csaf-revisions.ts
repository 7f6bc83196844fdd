/**
 * The CSAF revision history of a document from the history of its statements (docs/vex-mapping.md,
 * "CSAF tracking"). Pure and deterministic: the times come in, nothing is "now".
 *
 * API
 *   csafRevisionHistory(histories, lang): CsafRevision[]
 *
 * Each statement has a history: the times at which what it says changed (the first entry is the time
 * it appeared), and the times at which it left the document (its finding stopped being active: a
 * change with status null and the reason) and came back (a status again). Every distinct time at
 * which at least one statement appeared, changed or left is a revision, numbered 1, 2, … in time
 * order (CSAF integer versioning), dated that time, with a short summary of what changed in the
 * document language: revision 1 "Initial version.", the others one line per statement
 * ("CVE-2021-23337 on lodash 4.17.20: under investigation → not affected", "…: no longer in the
 * release (upgraded)", "…: advisory updated (CVSS)"), at most `maxSummaryItems` of them and then a
 * count of the rest. An update of the vulnerability's description, CVSS or identifiers while the
 * statement is in the document is a change of the statement too.
 */
import { toCsafStatus, type CsafVexStatus, type VexLang } from '../core/vex/mapping.js';
import type { VexJustification, VexResponse, VexState } from '../core/vex/model.js';
import { compareStrings } from './shared.js';
import type { CsafRevision } from './csaf.js';

/** What a statement says (the parts a decision sets). */
export interface CsafStatementStatus {
  readonly state: VexState;
  readonly justification: VexJustification | null;
  readonly responses: readonly VexResponse[];
  readonly detail: string | null;
  readonly actionStatement: string | null;
}

export interface CsafStatementHistory {
  /** The statement's vulnerability: `CVE-2021-23337`. */
  readonly vulnerability: string;
  /** Its component: `lodash 4.17.20`. */
  readonly component: string;
  /** Its release version, when the document covers several releases (else null). */
  readonly release: string | null;
  /**
   * RFC 3339 times (one format, so they sort as strings), ascending; the first is when the statement
   * appeared. Status null: the statement left the document then (for `reason`); a status after that:
   * it came back.
   */
  readonly changes: readonly CsafStatementChange[];
}

/** Why a statement left the document: the finding's end (services/findings.ts, finding events). */
export type CsafRemovalReason = 'removed' | 'upgraded' | 'no-longer-affected' | 'withdrawn';

/**
 * The parts of a statement's vulnerability that the document shows and the vulnerability database
 * can change: its description, its CVSS scores, its other identifiers (aliases).
 */
export type CsafAdvisoryPart = 'description' | 'cvss' | 'ids';

export type CsafStatementChange =
  | {
      readonly at: string;
      readonly status: CsafStatementStatus;
      /** The advisory changed then (which parts), whatever the status did. */
      readonly advisory?: readonly CsafAdvisoryPart[];
    }
  | { readonly at: string; readonly status: null; readonly reason: CsafRemovalReason };

export const maxSummaryItems = 10;

const statusWords: Record<VexLang, Record<CsafVexStatus, string>> = {
  en: {
    under_investigation: 'under investigation',
    known_affected: 'affected',
    known_not_affected: 'not affected',
    fixed: 'fixed',
  },
  ja: {
    under_investigation: '調査中',
    known_affected: '影響あり',
    known_not_affected: '影響なし',
    fixed: '修正済み',
  },
};

const texts: Record<
  VexLang,
  {
    initial: string;
    subject: (h: CsafStatementHistory) => string;
    added: (status: string) => string;
    changed: (from: string, to: string) => string;
    updated: (status: string) => string;
    removed: Record<CsafRemovalReason, string>;
    more: (n: number) => string;
    advisory: (parts: readonly CsafAdvisoryPart[]) => string;
    /** Joins a status change and an advisory update of one statement. */
    also: string;
    join: string;
    end: string;
  }
> = {
  en: {
    initial: 'Initial version.',
    subject: (h) => `${h.vulnerability} on ${h.component}${h.release !== null ? ` in ${h.release}` : ''}`,
    added: (s) => `added, ${s}`,
    changed: (from, to) => `${from} → ${to}`,
    updated: (s) => `${s}, details updated`,
    removed: {
      removed: 'no longer in the release (component removed)',
      upgraded: 'no longer in the release (upgraded)',
      'no-longer-affected': 'no longer in the release (version no longer affected)',
      withdrawn: 'no longer in the release (advisory withdrawn)',
    },
    more: (n) => `and ${n} more`,
    advisory: (parts) =>
      `advisory updated (${parts.map((p) => ({ description: 'description', cvss: 'CVSS', ids: 'identifiers' })[p]).join(', ')})`,
    also: ', ',
    join: '; ',
    end: '.',
  },
  ja: {
    initial: '初版。',
    subject: (h) => `${h.release !== null ? `${h.release} の ` : ''}${h.component} の ${h.vulnerability}`,
    added: (s) => `追加（${s}）`,
    changed: (from, to) => `${from} → ${to}`,
    updated: (s) => `${s}（内容を更新）`,
    removed: {
      removed: 'リリースから除外（コンポーネント削除）',
      upgraded: 'リリースから除外（アップグレード）',
      'no-longer-affected': 'リリースから除外（このバージョンは影響対象外）',
      withdrawn: 'リリースから除外（アドバイザリ取り下げ）',
    },
    more: (n) => `ほか ${n} 件`,
    advisory: (parts) =>
      `アドバイザリを更新（${parts.map((p) => ({ description: '説明', cvss: 'CVSS', ids: '識別子' })[p]).join('・')}）`,
    also: '、',
    join: '、',
    end: '。',
  },
};

const advisoryOrder: readonly CsafAdvisoryPart[] = ['description', 'cvss', 'ids'];

const sameStatus = (a: CsafStatementStatus, b: CsafStatementStatus): boolean =>
  a.state === b.state &&
  a.justification === b.justification &&
  a.detail === b.detail &&
  a.actionStatement === b.actionStatement &&
  a.responses.join(' ') === b.responses.join(' ');

export function csafRevisionHistory(
  histories: readonly CsafStatementHistory[],
  lang: VexLang,
): CsafRevision[] {
  const t = texts[lang];
  const word = (s: CsafStatementStatus): string => statusWords[lang][toCsafStatus(s.state)];
  // time → the lines of the statements that changed then (in the statements' order)
  const at = new Map<string, { order: number; line: string }[]>();
  histories.forEach((h, order) => {
    let previous: CsafStatementStatus | null = null;
    // Several changes of one statement at the same time are one change, to the last status, with
    // every advisory part any of them updated.
    const changes = h.changes.filter((c, i) => h.changes[i + 1]?.at !== c.at);
    const partsAt = new Map<string, Set<CsafAdvisoryPart>>();
    for (const c of h.changes)
      if (c.status !== null && c.advisory && c.advisory.length > 0) {
        const set = partsAt.get(c.at) ?? new Set<CsafAdvisoryPart>();
        for (const p of c.advisory) set.add(p);
        partsAt.set(c.at, set);
      }
    for (const c of changes) {
      let what: string;
      if (c.status === null) {
        // Leaving the document is a change only when the statement was in it.
        if (previous === null) continue;
        what = t.removed[c.reason];
      } else {
        // An advisory update of a statement in the document is a change even when its status is not.
        const parts = previous === null ? [] : advisoryOrder.filter((p) => partsAt.get(c.at)?.has(p));
        const statusChanged = previous === null || !sameStatus(previous, c.status);
        if (!statusChanged && parts.length === 0) continue;
        const status = !statusChanged
          ? null
          : previous === null
            ? t.added(word(c.status))
            : word(previous) === word(c.status)
              ? t.updated(word(c.status))
              : t.changed(word(previous), word(c.status));
        what = [status, parts.length > 0 ? t.advisory(parts) : null].filter((x) => x !== null).join(t.also);
      }
      previous = c.status;
      const list = at.get(c.at) ?? [];
      list.push({ order, line: `${t.subject(h)}: ${what}` });
      at.set(c.at, list);
    }
  });
  return [...at.keys()].sort(compareStrings).map((date, i) => {
    if (i === 0) return { number: '1', date, summary: t.initial };
    const lines = at
      .get(date)!
      .sort((a, b) => a.order - b.order)
      .map((x) => x.line);
    const shown = lines.slice(0, maxSummaryItems);
    if (lines.length > shown.length) shown.push(t.more(lines.length - shown.length));
    return { number: String(i + 1), date, summary: `${shown.join(t.join)}${t.end}` };
  });
}
