/**
 * Who holds the findings monitor's lease (ADR 0015, addendum "a restarted node"): a server process,
 * named by its host, PID namespace, PID and a random id of its own, so that a process restarted
 * after a crash (`kill -9`, a power cut) recognises the lease of its dead predecessor on the same
 * host and takes it over at once, instead of waiting three check intervals for it to lapse.
 *
 * A holder is gone when it ran on this host in this PID namespace (a container has its own; another
 * container is never judged) and its PID is not a running process, or is this process's PID while
 * it is none of this process's monitors (a container's server restarts under the same PID).
 * Anything else, and a holder from before this naming, is waited for until its lease lapses.
 */
import { randomUUID } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import os from 'node:os';

/** The facts about the running process the judgement needs (tests pass their own). */
export interface ProcessFacts {
  readonly host: string;
  /** `/proc/self/ns/pid` (`pid:[4026531836]`); '' where there is none. */
  readonly pidNamespace: string;
  readonly pid: number;
  /** Whether a process with this PID runs (signal 0). */
  alive(pid: number): boolean;
}

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

export function thisProcess(): ProcessFacts {
  return {
    host: os.hostname(),
    pidNamespace: pidNamespace(),
    pid: process.pid,
    alive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch (e) {
        // EPERM: it runs, as another user.
        return (e as NodeJS.ErrnoException).code === 'EPERM';
      }
    },
  };
}

/** Holders of this process's monitors (alive while their monitor runs). */
const ownHolders = new Set<string>();

/** A new holder id for a monitor of this process: `host/pid/namespace/random`. */
export function newLeaseHolder(facts: ProcessFacts): string {
  const id = `${facts.host}/${facts.pid}/${facts.pidNamespace}/${randomUUID()}`;
  ownHolders.add(id);
  return id;
}

/** The monitor with this holder id stopped. */
export function leaseHolderStopped(holder: string): void {
  ownHolders.delete(holder);
}

/** `host pid N`: the holder as people read it in the log and the status (the id in full otherwise). */
export function leaseHolderText(holder: string): string {
  const parts = holder.split('/');
  return parts.length === 4 ? `${parts[0]} pid ${parts[1]}` : holder;
}

/** Whether `holder` is a process of this host that is gone (see above). */
export function leaseHolderGone(holder: string, facts: ProcessFacts): boolean {
  const parts = holder.split('/');
  if (parts.length !== 4 || ownHolders.has(holder)) return false;
  const [host, pidText, namespace] = parts as [string, string, string, string];
  if (host !== facts.host || namespace !== facts.pidNamespace || !/^\d+$/.test(pidText)) return false;
  const pid = Number(pidText);
  return pid === facts.pid || !facts.alive(pid);
}
