/**
 * The SBOM reader's thread (ADR 0007 addendum 7): reads an uploaded document with `readSbomStream`,
 * exactly as an upload on the main thread does, and hands its outcome over piece by piece on the
 * job's port (protocol: sbom-read-offload.ts), so that the main thread stores the first components
 * while this one still maps the rest. After each message it counts up the job's signal, which the
 * main thread waits on.
 */
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { SbomLimits } from '../core/sbom/diagnostics.js';
import { readSbomStream, SbomRefused } from '../sbom/read/index.js';
import { dependencyGraph, flatComponents, type FlatComponent } from '../store/repositories/sboms.js';
import type { ReaderMessage } from './sbom-read-offload.js';

export interface ReaderJob {
  /** The document; let go of once it has been parsed. */
  bytes: Uint8Array | null;
  readonly limits: SbomLimits;
  readonly fileName: string;
  readonly port: MessagePort;
  /** Messages sent (counted up here after each). */
  readonly signal: Int32Array;
  /** Components per `rows` message. */
  readonly batch: number;
}

export function runReaderJob(job: ReaderJob): void {
  const send = (m: ReaderMessage) => {
    job.port.postMessage(m);
    Atomics.add(job.signal, 0, 1);
    Atomics.notify(job.signal, 0);
  };
  try {
    const read = readSbomStream(job.bytes!, { limits: job.limits, fileName: job.fileName });
    job.bytes = null;
    if (!read.ok) return send({ t: 'failure', failure: read });
    const { stream } = read;
    send({ t: 'head', head: stream.head, diagnostics: [...stream.diagnostics] });
    let rows: FlatComponent[] = [];
    try {
      for (const f of flatComponents(stream.components())) {
        rows.push(f);
        if (rows.length === job.batch) {
          send({ t: 'rows', rows });
          rows = [];
        }
      }
    } catch (e) {
      if (e instanceof SbomRefused) return send({ t: 'refused', failure: e.failure });
      throw e;
    }
    if (rows.length > 0) send({ t: 'rows', rows });
    send({ t: 'dependencies', graph: dependencyGraph(stream.dependencies()) });
    let failure = null;
    try {
      stream.finish();
    } catch (e) {
      if (!(e instanceof SbomRefused)) throw e;
      failure = e.failure;
    }
    send({ t: 'finished', failure, diagnostics: [...stream.diagnostics] });
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    send({ t: 'error', message: error.message, stack: error.stack ?? '' });
  } finally {
    job.port.close();
  }
}

// Only in the thread sbom-read-offload.ts starts (this module is also imported by tests).
if ((workerData as { sbomReader?: boolean } | null)?.sbomReader === true) {
  /**
   * A full collection after each job, while the thread has nothing else to do: otherwise its heap
   * keeps the last document's garbage until the next document needs the room, and that memory stays
   * in use beside the main thread's between uploads (six uploads of the benchmark's document: peak
   * RSS 792–797 MiB with it, 1,003–1,025 MiB without). `--expose-gc` set here reaches only the new
   * context the function is taken from.
   */
  v8.setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  parentPort?.on('message', (job: ReaderJob) => {
    runReaderJob(job);
    collect();
  });
}
