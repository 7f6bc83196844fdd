import { Option, type Command } from 'commander';
import type { AnyOrgRecord, OrgRecordGap } from '../../core/domain/org-records.js';
import { listOrgRecordsView, type ArchivedFilter, type OrgRecordView } from '../../services/org-records.js';
import { operatorActor } from '../../services/organizations.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { CliFailure, exitCodeForError, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { printData, renderRecord } from '../output.js';
import { resolveOrganization } from './user.js';

/** What each gap means, for the terminal (the web page has them in both languages). */
const gapText: Readonly<Record<OrgRecordGap, string>> = {
  no_committee: 'No security committee member is recorded.',
  no_raci: 'No RACI assignment is recorded.',
  raci_without_accountable: 'Some activities have no Accountable party.',
  raci_several_accountable: 'Some activities have more than one Accountable party.',
  no_training: 'No training record is in force.',
  training_expired: 'Some training records have expired or failed.',
  no_contact_point: 'No vulnerability contact point is recorded.',
  no_isao_membership: 'No active ISAO membership is recorded.',
  no_process_review: 'No periodic process review is recorded.',
  process_review_overdue: 'Some process reviews are overdue.',
};

/** The one line a record is known by in the table. */
export function orgRecordLabel(r: AnyOrgRecord): string {
  switch (r.kind) {
    case 'committee_member':
      return `${r.name} (${r.role}${r.department ? `, ${r.department}` : ''})`;
    case 'raci_assignment':
      return `${r.activity}: ${r.assignment} ${r.party}`;
    case 'training_record':
      return `${r.person}: ${r.course} [${r.result}]`;
    case 'contact_point':
      return `${r.channel} ${r.address}${r.responseSlaDays !== null ? ` (ack ${r.responseSlaDays} d)` : ''}`;
    case 'isao_membership':
      return r.organizationName;
    case 'process_review':
      return `${r.process} (${r.reviewers.join(', ')})`;
  }
}

function dates(r: AnyOrgRecord): string {
  switch (r.kind) {
    case 'committee_member':
      return [r.appointedOn ?? '', r.endsOn ?? ''].join('–').replace(/^–$/, '');
    case 'training_record':
      return `${r.completedOn}${r.validUntil ? ` valid until ${r.validUntil}` : ''}`;
    case 'isao_membership':
      return [r.memberSince ?? '', r.endedOn ?? ''].join('–').replace(/^–$/, '');
    case 'process_review':
      return `${r.reviewedOn}${r.nextReviewDue ? ` next ${r.nextReviewDue}` : ''}`;
    default:
      return '';
  }
}

/**
 * `mamori org records` — the organisation-level records (committee, RACI, training, contact points,
 * ISAO memberships, process reviews) with their status today and what an inspection would ask about,
 * read from the local database. With --check it exits 1 when the summary lists gaps (for CI gates).
 */
export function registerOrgRecords(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const org = program.commands.find((c) => c.name() === 'org') ?? program.command('org').description('Organisations (tenants)');
  org
    .command('records')
    .description(
      'Organisation-level records on the local database: security committee, RACI, training, contact points, ISAO memberships and process reviews, ' +
        'with their status today and the gaps an inspection would ask about. Exits 1 with --check when there are gaps.',
    )
    .option('--org <slug>', 'organisation (needed when there are several)')
    // The same values as `product list` and `release list`; a bare --archived (its earlier form) means include.
    .addOption(
      new Option('--archived [which]', 'archived records: exclude, include (also a bare --archived) or only')
        .choices(['exclude', 'include', 'only'])
        .preset('include')
        .default('exclude'),
    )
    .option('--check', 'exit 1 when the summary lists gaps (missing, expired or overdue records)')
    .action(async (opts: { org?: string; archived: ArchivedFilter; check?: boolean }) => {
      const config = configFrom(io, global());
      const gaps = await withLocalStore(config, async (ctx) => {
        const organization = await resolveOrganization(ctx, opts.org);
        const result = await listOrgRecordsView(ctx, operatorActor(organization.id, operatorName(io)), { archived: opts.archived });
        if (!result.ok) throw new CliFailure(result.error.message, exitCodeForError(result.error.code));
        const { summary, records } = result.value;
        const format = global().format ?? 'table';
        if (format === 'table') {
          const c = summary.current;
          io.stderr(
            renderRecord([
              ['organisation', `${organization.name} (${organization.slug})`],
              ['today', summary.today],
              ['in force', `committee ${c.committee_member}, RACI ${c.raci_assignment}, training ${c.training_record}, contact points ${c.contact_point}, ISAO ${c.isao_membership}, reviewed processes ${c.process_review}`],
              ['expired training', String(summary.expiredTraining)],
              ['overdue reviews', String(summary.overdueReviews)],
              ['last review', summary.lastReviewOn ?? 'none'],
              ...(summary.gaps.length ? summary.gaps.map((g, i): [string, string] => [i === 0 ? 'gaps' : '', `${g}: ${gapText[g]}`]) : [['gaps', 'none'] as [string, string]]),
            ]),
          );
        }
        printData<OrgRecordView>(io, format, { organization: { id: organization.id, slug: organization.slug }, ...result.value }, {
          columns: ['kind', 'status', 'record', 'dates', 'id'],
          rows: records,
          cells: (r) => [r.kind, r.status, orgRecordLabel(r), dates(r), r.id],
        });
        return summary.gaps;
      });
      if (opts.check && gaps.length > 0)
        throw new CliFailure(`Organisation records have gaps: ${gaps.map((g) => `${g} (${gapText[g]})`).join(', ')}`, exitCodes.checkFailed);
    });
}
