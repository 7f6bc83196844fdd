/**
 * The FDA support table of a release (premarket guidance §V.A.4(b): for each software component,
 * "the software level of support provided through monitoring and maintenance from the software
 * component manufacturer" and "the software component's end-of-support date", which may be provided
 * "in an addendum"): one row per component of the inventory, with a status that says what a reviewer
 * should look at, and a summary.
 *
 * The status of a component, as of a date (`asOf`, YYYY-MM-DD; the day the table is made unless the
 * caller names one), is the first of these that holds:
 *
 * 1. `no_support_information` — neither a support level nor an end-of-support date is recorded.
 * 2. `past_end_of_support` — the end-of-support date is before `asOf` (support ended on that date;
 *    on the date itself support still runs, so the component is `ends_within_12_months`).
 * 3. `not_maintained` — the support level is "no longer maintained" or "abandoned" (supportLevels'
 *    third and fourth entries, English or Japanese spelling, case and surrounding spaces ignored), and
 *    the date is not past (or not given): the supplier no longer fixes it.
 * 4. `ends_within_12_months` — the end-of-support date is `asOf` or later, but before the same day
 *    twelve months later (29 February → 1 March of the next year).
 * 5. `end_of_support_unknown` — a support level is recorded but no end-of-support date.
 * 6. `support_level_unknown` — an end-of-support date (12 months away or more) but no support level.
 * 7. `supported` — a support level of actively maintained, security fixes only or any other text, and
 *    an end-of-support date 12 months or more after `asOf`.
 *
 * Rows sort by name (case ignored, then as written), then version in natural order ("1.10" after
 * "1.9", core/sbom/version-sort-key.ts), then group, purl, CPE, supplier and origin, so the same
 * inventory always gives the same table. Pure: the date is passed in.
 */
import { supportLevels } from './support-levels.js';
import { versionSortKey } from './version-sort-key.js';

export const supportStatuses = [
  'past_end_of_support',
  'not_maintained',
  'ends_within_12_months',
  'end_of_support_unknown',
  'support_level_unknown',
  'no_support_information',
  'supported',
] as const;
export type SupportStatus = (typeof supportStatuses)[number];

/** What the table needs of a component of the inventory. */
export interface SupportComponent {
  readonly name: string;
  readonly group: string | null;
  readonly version: string | null;
  readonly supplier: string | null;
  readonly purl: string | null;
  readonly cpe: string | null;
  /** As recorded: free text, usually one of supportLevels' spellings. */
  readonly supportLevel: string | null;
  /** YYYY-MM-DD, or null. */
  readonly endOfSupport: string | null;
  /** `manual`: added by hand in mamori; `sbom`: from the current SBOM; `primary`: the SBOM's primary component. */
  readonly origin: 'sbom' | 'manual' | 'primary';
}

/** The known support levels by their English spelling (supportLevels' first spelling). */
export type KnownSupportLevel = 'actively maintained' | 'security fixes only' | 'no longer maintained' | 'abandoned';

export interface SupportRow extends SupportComponent {
  /** The known level the recorded text means, or null for other text and for none. */
  readonly knownLevel: KnownSupportLevel | null;
  readonly status: SupportStatus;
}

export interface SupportLevelCount {
  /** The known level, the other text as recorded (trimmed), or null for components without a level. */
  readonly level: string | null;
  readonly known: boolean;
  readonly count: number;
}

export interface SupportSummary {
  readonly total: number;
  /** The four known levels in supportLevels' order (each, even at 0), other texts by name, then null (no level) when any. */
  readonly byLevel: readonly SupportLevelCount[];
  readonly byStatus: Readonly<Record<SupportStatus, number>>;
  /** Components without a support level, without an end-of-support date, and without either. */
  readonly withoutSupportLevel: number;
  readonly withoutEndOfSupport: number;
  readonly withoutInformation: number;
  readonly pastEndOfSupport: number;
}

export interface SupportTable {
  readonly asOf: string;
  readonly rows: readonly SupportRow[];
  readonly summary: SupportSummary;
}

const notMaintained: ReadonlySet<KnownSupportLevel> = new Set(['no longer maintained', 'abandoned']);

/** The known level a recorded support level means (English or Japanese, case and surrounding spaces ignored), or null. */
export function knownSupportLevel(text: string | null): KnownSupportLevel | null {
  if (text === null) return null;
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  const match = supportLevels.find((spellings) => spellings.some((s) => s.toLowerCase() === t));
  return (match?.[0] as KnownSupportLevel | undefined) ?? null;
}

/** The same day twelve months later, YYYY-MM-DD (29 February → 1 March). */
export function twelveMonthsAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  return d.toISOString().slice(0, 10);
}

const blank = (s: string | null): boolean => s === null || s.trim() === '';

export function supportStatus(c: Pick<SupportComponent, 'supportLevel' | 'endOfSupport'>, asOf: string): SupportStatus {
  const noLevel = blank(c.supportLevel);
  const eos = blank(c.endOfSupport) ? null : c.endOfSupport!.trim();
  if (noLevel && eos === null) return 'no_support_information';
  // ISO dates compare as text.
  if (eos !== null && eos < asOf) return 'past_end_of_support';
  const known = knownSupportLevel(c.supportLevel);
  if (known !== null && notMaintained.has(known)) return 'not_maintained';
  if (eos !== null && eos < twelveMonthsAfter(asOf)) return 'ends_within_12_months';
  if (eos === null) return 'end_of_support_unknown';
  if (noLevel) return 'support_level_unknown';
  return 'supported';
}

const textKey = (s: string | null) => (s ?? '').toLowerCase();
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const originOrder = { primary: 0, sbom: 1, manual: 2 } as const;

export function compareSupportRows(a: SupportComponent, b: SupportComponent): number {
  return (
    compareText(textKey(a.name), textKey(b.name)) ||
    compareText(a.name, b.name) ||
    // Components without a version after those with one.
    compareText(versionSortKey(a.version) ?? '\uffff', versionSortKey(b.version) ?? '\uffff') ||
    compareText(a.version ?? '', b.version ?? '') ||
    compareText(a.group ?? '', b.group ?? '') ||
    compareText(a.purl ?? '', b.purl ?? '') ||
    compareText(a.cpe ?? '', b.cpe ?? '') ||
    compareText(a.supplier ?? '', b.supplier ?? '') ||
    originOrder[a.origin] - originOrder[b.origin] ||
    compareText(a.supportLevel ?? '', b.supportLevel ?? '') ||
    compareText(a.endOfSupport ?? '', b.endOfSupport ?? '')
  );
}

export function supportTable(components: readonly SupportComponent[], asOf: string): SupportTable {
  const rows: SupportRow[] = [...components]
    .sort(compareSupportRows)
    .map((c) => ({ ...c, knownLevel: knownSupportLevel(c.supportLevel), status: supportStatus(c, asOf) }));
  const byStatus = Object.fromEntries(supportStatuses.map((s) => [s, 0])) as Record<SupportStatus, number>;
  const known = new Map<string, number>(supportLevels.map((s) => [s[0]!, 0]));
  const other = new Map<string, number>();
  let withoutSupportLevel = 0;
  let withoutEndOfSupport = 0;
  for (const r of rows) {
    byStatus[r.status] += 1;
    if (blank(r.supportLevel)) withoutSupportLevel += 1;
    else if (r.knownLevel !== null) known.set(r.knownLevel, known.get(r.knownLevel)! + 1);
    else other.set(r.supportLevel!.trim(), (other.get(r.supportLevel!.trim()) ?? 0) + 1);
    if (blank(r.endOfSupport)) withoutEndOfSupport += 1;
  }
  const byLevel: SupportLevelCount[] = [
    ...[...known].map(([level, count]) => ({ level, known: true, count })),
    ...[...other].sort(([a], [b]) => compareText(a, b)).map(([level, count]) => ({ level, known: false, count })),
    ...(withoutSupportLevel > 0 ? [{ level: null, known: false, count: withoutSupportLevel }] : []),
  ];
  return {
    asOf,
    rows,
    summary: {
      total: rows.length,
      byLevel,
      byStatus,
      withoutSupportLevel,
      withoutEndOfSupport,
      withoutInformation: byStatus.no_support_information,
      pastEndOfSupport: byStatus.past_end_of_support,
    },
  };
}
