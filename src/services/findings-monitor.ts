/**
 * Keeps findings current without anyone pressing a button (docs/adr/0015-automatic-analysis.md):
 * a release is analysed after its inventory changes (an SBOM upload, through the web app, the API or
 * the Dependency-Track endpoint; a manual component added, edited or removed), and every organisation
 * is re-analysed after the vulnerability database moved on (`mamori feeds import|sync` in another
 * process), checked every `checkSeconds`. The same check analyses releases whose inventory was never
 * analysed as it stands (an SBOM uploaded before any feed was imported, or while no server ran).
 *
 * When the database file was replaced by another one (`VulnDbSource.replaced`: `mamori feeds install`,
 * a copy renamed over it), the sequence numbers the findings were computed at belong to the old
 * file's change log and say nothing about the new one's: every release is marked to be analysed
 * again as a whole, once (as after a change of the analysis rules), and positions ahead of the new
 * file's last change are moved back to it. The marking runs in the queue, after the task running
 * when it was noticed (which may have read the old file).
 *
 * All analysis work of a server process runs through one queue, one task at a time, the buttons'
 * work ("Analyse now", "Re-analyse after feed update") included: two analyses of the same release
 * never interleave their transactions. Requests are coalesced: a release already waiting is not
 * queued twice, nor an organisation's refresh. A task that fails is logged and the queue goes on.
 */
import { systemActor } from '../core/domain/actor.js';
import { analyseEveryReleaseAgain, organizationsBehind, releasesToAnalyse } from '../store/repositories/findings.js';
import { leaseOf, releaseLease, takeLease, takeOverLease } from '../store/repositories/leases.js';
import type { ServiceContext } from './context.js';
import { analyzeRelease, refreshFindings } from './findings.js';
import { leaseHolderGone, leaseHolderStopped, leaseHolderText, newLeaseHolder, type ProcessFacts, thisProcess } from './lease-holder.js';
import { behindText, organizationsAheadOf } from './vulndb-basis.js';
import type { VulnDbSource } from './vulndb-source.js';
import type { VulnDbReader } from '../vulndb/reader.js';

export interface MonitorLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface FindingsMonitorOptions {
  /** Automatic analysis and refresh; when false the monitor only serialises the buttons' work. */
  readonly automatic: boolean;
  /** How often the vulnerability database is checked for changes, in seconds. */
  readonly checkSeconds: number;
  readonly log?: MonitorLog;
  /** This process, as the holder of the lease (tests pass their own). */
  readonly process?: ProcessFacts;
}

/** What the automatic analysis of this process waits for (the feeds status shows it). */
export interface MonitorState {
  /** Another process holds the lease on the periodic check, until `until` (it renews it while it runs). */
  readonly waitingForLease: { readonly holder: string; readonly until: string } | null;
  /**
   * This node's vulnerability database is behind the one the findings were computed with (another
   * node's, older or smaller): it neither takes the lease nor analyses (ADR 0015 addendum).
   */
  readonly databaseBehind: { readonly basisNode: string; readonly organizations: number; readonly reasons: readonly string[] } | null;
}

export interface FindingsMonitor {
  readonly automatic: boolean;
  readonly checkSeconds: number;
  /** What the automatic analysis waits for (see `MonitorState`). */
  state(): MonitorState;
  /** Runs `task` after every task queued before it (the buttons' analyses and refreshes). */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** Queues an analysis of the release (its inventory changed); nothing when automatic work is off. */
  analyseSoon(organizationId: string, releaseId: string): void;
  /** Whether an automatic analysis of the release is waiting or running. */
  pending(releaseId: string): boolean;
  /**
   * Checks now: queues an analysis of every release whose inventory has not been analysed as it
   * stands, and a refresh of every organisation behind the vulnerability database.
   */
  check(): Promise<void>;
  /**
   * The periodic step: takes (or renews) the installation's lease on the check, then checks. False
   * when another server process holds the lease: with several nodes on one database, one checks.
   */
  tick(): Promise<boolean>;
  /** Resolves when the queue is empty (tests, shutdown). */
  idle(): Promise<void>;
  /** Starts the periodic check (the first one at once). */
  start(): void;
  /** Stops the periodic check and waits for the running task; queued tasks are dropped. */
  stop(): Promise<void>;
}

const silent: MonitorLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The lease on the periodic check (`monitor_leases`). */
export const monitorLeaseName = 'findings-monitor';

/** Codes that mean "nothing to do" rather than a failure: no database yet, the release is gone. */
const quietCodes = new Set(['vulndb.missing', 'release.not_found']);

export function findingsMonitor(ctx: ServiceContext, source: VulnDbSource, options: FindingsMonitorOptions): FindingsMonitor {
  const log = options.log ?? silent;
  let tail: Promise<unknown> = Promise.resolve();
  /** Releases waiting for an automatic analysis (not started). */
  const waiting = new Set<string>();
  /** Organisations waiting for an automatic refresh (not started). */
  const waitingOrgs = new Set<string>();
  let active: string | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let checking: Promise<void> | null = null;
  /** The database problem last written to the log (null: none). */
  let reportedProblem: string | null = null;
  /** This process, as the holder of the lease: host, PID and a random id (src/services/lease-holder.ts). */
  const facts = options.process ?? thisProcess();
  const holder = newLeaseHolder(facts);
  let waitingForLease: MonitorState['waitingForLease'] = null;
  /** The holder id waited for (said once in the log per holder). */
  let waitingFor: string | null = null;
  let databaseBehind: MonitorState['databaseBehind'] = null;
  // A holder that stopped renewing (a crashed node) is replaced after three missed checks.
  const leaseMs = Math.max(3 * options.checkSeconds, 60) * 1000;
  let leased = false;
  /** `source.replaced()` when the monitor last marked every release for a new analysis. */
  let replacedSeen = source.replaced?.() ?? 0;

  /** After the database file was replaced (see above): every release analysed again, whole. */
  const afterReplacement = async (): Promise<void> => {
    if (!source.replaced) return;
    const reader = source.reader();
    const n = source.replaced();
    if (n === replacedSeen || !reader) return;
    const releases = await analyseEveryReleaseAgain(ctx.store.db, reader.lastSeq());
    replacedSeen = n;
    log.info({ path: source.path, seq: reader.lastSeq(), releases }, 'vulnerability database file replaced: every release is analysed again');
  };

  /**
   * Whether this node's database is behind the one the findings were computed with (another node's
   * file, older or smaller): it analyses nothing then, since it would turn every finding it lacks
   * "gone" (QA pgadmin 1), and gives the lease back so that a node with the right file checks. Said
   * once in the log, and again when it is no longer so.
   */
  const behindNow = async (reader: VulnDbReader): Promise<boolean> => {
    const ahead = await organizationsAheadOf(ctx.store.db, source, reader);
    const behind = ahead.length === 0 ? null : { basisNode: ahead[0]!.basisNode, organizations: ahead.length, reasons: ahead[0]!.reasons };
    if (JSON.stringify(behind) !== JSON.stringify(databaseBehind)) {
      if (behind)
        log.warn(
          { path: source.path, findingsComputedWith: behind.basisNode, organizations: behind.organizations, reasons: behind.reasons },
          `this node's vulnerability database is behind the one the findings were computed with: ${behindText(behind.reasons)}; automatic analysis paused on this node (every node must use the same vulnerability database file)`,
        );
      else log.info({ path: source.path }, "this node's vulnerability database is no longer behind the findings: automatic analysis resumed");
      databaseBehind = behind;
    }
    if (behind && leased) {
      leased = false;
      await releaseLease(ctx.store.db, monitorLeaseName, holder);
    }
    return behind !== null;
  };

  const run = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(async () => {
      await afterReplacement();
      return task();
    });
    tail = next.catch(() => undefined);
    return next;
  };

  const report = (what: object, result: { ok: true } | { ok: false; error: { code: string; message: string } }, msg: string) => {
    if (result.ok) return;
    if (quietCodes.has(result.error.code)) return;
    log.warn({ ...what, code: result.error.code, reason: result.error.message }, msg);
  };

  const guarded = (what: object, msg: string, task: () => Promise<void>) =>
    run(async () => {
      if (stopped) return;
      try {
        await task();
      } catch (e) {
        log.error({ ...what, err: e }, msg);
      }
    });

  const monitor: FindingsMonitor = {
    automatic: options.automatic,
    checkSeconds: options.checkSeconds,
    state: () => ({ waitingForLease, databaseBehind }),
    run,
    analyseSoon(organizationId, releaseId) {
      if (!options.automatic || stopped || waiting.has(releaseId)) return;
      if (!source.reader()) return;
      waiting.add(releaseId);
      void guarded({ releaseId }, 'automatic analysis failed', async () => {
        waiting.delete(releaseId);
        active = releaseId;
        try {
          const result = await analyzeRelease(ctx, systemActor(organizationId, 'analysis'), source, releaseId);
          report({ releaseId }, result, 'automatic analysis not done');
          if (result.ok) log.info({ releaseId, seq: result.value.seq, findings: result.value.findings, new: result.value.new }, 'release analysed automatically');
        } finally {
          active = null;
        }
      });
    },
    pending: (releaseId) => waiting.has(releaseId) || active === releaseId,
    async check() {
      if (!options.automatic || stopped) return;
      const reader = source.reader();
      // A file that cannot be used (an older schema, another program's file) pauses the automatic
      // analysis: said once in the log, not at every check, and again when it can be used.
      const problem = reader ? null : source.problem();
      if (problem !== reportedProblem) {
        if (problem !== null) log.warn({ path: source.path, reason: problem }, 'vulnerability database not usable: automatic analysis paused');
        else if (reportedProblem !== null && reader) log.info({ path: source.path }, 'vulnerability database usable again: automatic analysis resumed');
        reportedProblem = problem;
      }
      if (!reader) return;
      // A database behind the one the findings were computed with analyses nothing (see `behindNow`).
      if (await behindNow(reader)) return;
      // A replaced file: every release is marked (in the queue) before the releases to analyse are read.
      if ((source.replaced?.() ?? 0) !== replacedSeen) await run(async () => undefined);
      const head = source.reader()?.lastSeq();
      if (head === undefined) return;
      // Inventories not analysed as they stand (uploaded before any feed, or while no server ran).
      for (const r of await releasesToAnalyse(ctx.store.db)) monitor.analyseSoon(r.organizationId, r.releaseId);
      for (const org of await organizationsBehind(ctx.store.db, head)) {
        if (waitingOrgs.has(org)) continue;
        waitingOrgs.add(org);
        void guarded({ organizationId: org }, 'automatic re-analysis failed', async () => {
          waitingOrgs.delete(org);
          // A refresh queued while another was running may find nothing left to do.
          const now = source.reader();
          if (!now || (await organizationsBehind(ctx.store.db, now.lastSeq(), org)).length === 0) return;
          const result = await refreshFindings(ctx, systemActor(org, 'refresh'), source);
          report({ organizationId: org }, result, 'automatic re-analysis not done');
          if (result.ok) {
            const s = result.value;
            log.info({ organizationId: org, fromSeq: s.fromSeq, toSeq: s.toSeq, changes: s.changes, new: s.new, changed: s.changed, gone: s.gone + s.withdrawn }, 'findings re-analysed after feed changes');
          }
        });
      }
    },
    async tick() {
      if (!options.automatic || stopped) return false;
      // Known to be behind: the lease is not taken while it still is.
      if (databaseBehind) {
        const reader = source.reader();
        if (reader && (await behindNow(reader))) return false;
      }
      const now = ctx.clock();
      const until = new Date(now.getTime() + leaseMs).toISOString();
      leased = await takeLease(ctx.store.db, monitorLeaseName, holder, now.toISOString(), until);
      if (!leased) {
        const held = await leaseOf(ctx.store.db, monitorLeaseName);
        // The lease of this host's process that is gone (a restart after a crash): taken at once.
        if (held && leaseHolderGone(held.holder, facts)) {
          leased = await takeOverLease(ctx.store.db, monitorLeaseName, held.holder, holder, until);
          if (leased) log.info({ previous: held.holder }, `took over the analysis lease of ${leaseHolderText(held.holder)}, a process of this host that is gone`);
        }
        if (!leased) {
          if (held && held.holder !== waitingFor)
            log.info({ holder: held.holder, until: held.expiresAt }, `waiting for the analysis lease held by ${leaseHolderText(held.holder)} until ${held.expiresAt}`);
          waitingFor = held?.holder ?? null;
          waitingForLease = held && { holder: leaseHolderText(held.holder), until: held.expiresAt };
          return false;
        }
      }
      waitingFor = null;
      waitingForLease = null;
      await monitor.check();
      return leased;
    },
    idle: async () => {
      for (let seen = null as Promise<unknown> | null; seen !== tail; ) {
        seen = tail;
        await seen;
      }
    },
    start() {
      if (!options.automatic || timer || stopped) return;
      const tick = () => {
        if (checking) return;
        checking = monitor
          .tick()
          .then(() => undefined)
          .catch((e: unknown) => log.error({ err: e }, 'checking the vulnerability database failed'))
          .finally(() => {
            checking = null;
          });
      };
      timer = setInterval(tick, options.checkSeconds * 1000);
      timer.unref();
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      waiting.clear();
      waitingOrgs.clear();
      await checking;
      await tail;
      if (leased) {
        leased = false;
        await releaseLease(ctx.store.db, monitorLeaseName, holder).catch((e: unknown) => log.warn({ err: e }, 'giving back the monitor lease failed'));
      }
      leaseHolderStopped(holder);
    },
  };
  return monitor;
}
