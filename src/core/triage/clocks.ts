/**
 * Regulatory clocks that follow a postmarket risk decision (docs/clinical-impact.md):
 * - FDA "Postmarket Management of Cybersecurity in Medical Devices" (2016): for an uncontrolled
 *   risk, communicate with customers within 30 days of becoming aware, and remediate (fix, or
 *   reduce the residual risk to acceptable) within 60 days. A controlled risk has no clock.
 * - Japan (PMD Act, art. 68-10; enforcement regulation art. 228-20): a malfunction that could
 *   cause serious health harm is reported to the PMDA within 15 days (where it applies: the
 *   decision says so).
 * Days are calendar days counted from the awareness date (day 0). Pure.
 */
export type RiskControl = 'controlled' | 'uncontrolled';
export type ClockKind = 'fda_communicate' | 'fda_remediate' | 'jp_adverse_event';

export interface RiskDecisionInput {
  readonly control: RiskControl;
  /** YYYY-MM-DD: when the manufacturer became aware of the vulnerability. */
  readonly awareOn: string;
  readonly jpAdverseEvent: boolean;
}

export interface Clock {
  readonly kind: ClockKind;
  readonly days: number;
  readonly dueOn: string;
  /** Days left on `today` (negative when overdue). */
  readonly daysLeft: number;
  readonly overdue: boolean;
}

export const clockDays: Record<ClockKind, number> = { fda_communicate: 30, fda_remediate: 60, jp_adverse_event: 15 };

const dayMs = 86_400_000;
const toDay = (iso: string): number => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

export function addDays(date: string, days: number): string {
  return new Date(toDay(date) + days * dayMs).toISOString().slice(0, 10);
}

export function clocksFor(d: RiskDecisionInput, today: string): Clock[] {
  const kinds: ClockKind[] = [];
  if (d.control === 'uncontrolled') kinds.push('fda_communicate', 'fda_remediate');
  if (d.jpAdverseEvent) kinds.push('jp_adverse_event');
  return kinds.map((kind) => {
    const dueOn = addDays(d.awareOn, clockDays[kind]);
    const daysLeft = Math.round((toDay(dueOn) - toDay(today)) / dayMs);
    return { kind, days: clockDays[kind], dueOn, daysLeft, overdue: daysLeft < 0 };
  });
}
