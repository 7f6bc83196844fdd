/**
 * Reading an uploaded SBOM on a thread of its own while the main thread stores its components
 * (ADR 0007 addendum 7). The reader thread (sbom-read-worker.ts) runs `readSbomStream` as an upload
 * on the main thread would and hands over, on a port of the job's own:
 *
 *   failure | head → rows* → (refused | dependencies → finished),  or error at any point.
 *
 * The main thread waits for the head without blocking (Atomics.waitAsync), then takes the rest
 * synchronously (`receiveMessageOnPort`, and Atomics.wait on the job's signal when nothing has come
 * yet), because the store inserts rows from a synchronous iterator. Its outcome is readSbomStream's:
 * the same components in the same order, the same diagnostics, the same refusals.
 *
 * One reader thread per process, started on first use and stopped after a while without work; an
 * upload that finds it busy reads on the main thread as before. An upload that stops before the end
 * of the document (the database refused a row) stops the thread, since it would go on reading.
 */
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { SbomDiagnostic, SbomLimits } from '../core/sbom/diagnostics.js';
import {
  SbomRefused,
  type SbomReadFailure,
  type SbomStream,
  type SbomStreamResult,
} from '../sbom/read/index.js';
import {
  dependencyGraph,
  flatComponents,
  type DependencyGraph,
  type FlatComponent,
} from '../store/repositories/sboms.js';
import type { ReaderJob } from './sbom-read-worker.js';

/** What the reader thread sends, in the order of the module comment. */
export type ReaderMessage =
  | { readonly t: 'failure'; readonly failure: SbomReadFailure }
  | { readonly t: 'head'; readonly head: SbomStream['head']; readonly diagnostics: SbomDiagnostic[] }
  | { readonly t: 'rows'; readonly rows: FlatComponent[] }
  | { readonly t: 'refused'; readonly failure: SbomReadFailure }
  | { readonly t: 'dependencies'; readonly graph: DependencyGraph }
  | {
      readonly t: 'finished';
      readonly failure: SbomReadFailure | null;
      readonly diagnostics: SbomDiagnostic[];
    }
  | { readonly t: 'error'; readonly message: string; readonly stack: string };

/**
 * An SbomStream whose components come as FlatComponents (what the store inserts): read on this
 * thread (`flatStream`) or on the reader thread (`readSbomOffThread`). Same order of calls as
 * SbomStream: `components()` once, then `dependencies()`, then `finish()`.
 */
export interface FlatSbomStream {
  readonly head: SbomStream['head'];
  /** The warnings: complete after `finish()`. */
  readonly diagnostics: readonly SbomDiagnostic[];
  components(): Iterable<FlatComponent>;
  dependencies(): DependencyGraph;
  /** Throws SbomRefused when the document is refused at its end (SbomStream.finish). */
  finish(): void;
  /** Ends the read if it has not ended (an upload that stopped early); harmless after the end. */
  close(): void;
}

export type FlatSbomStreamResult = { readonly ok: true; readonly stream: FlatSbomStream } | SbomReadFailure;

/** An SbomStream read on this thread, as a FlatSbomStream. */
export function flatStream(stream: SbomStream): FlatSbomStream {
  return {
    head: stream.head,
    get diagnostics() {
      return stream.diagnostics;
    },
    components: () => flatComponents(stream.components()),
    dependencies: () => dependencyGraph(stream.dependencies()),
    finish: () => stream.finish(),
    close: () => undefined,
  };
}

export function flatStreamResult(read: SbomStreamResult): FlatSbomStreamResult {
  return read.ok ? { ok: true, stream: flatStream(read.stream) } : read;
}

/** Components per message: small enough that the first rows come early, large enough that messages are few. */
const batch = 500;
/** A reader thread that sends nothing for this long is taken for dead (a thread that ran out of memory sends nothing). */
const stallMs = 120_000;
/** An idle reader thread is stopped after this long (its heap is that of the last document read). */
const idleMs = 30_000;

interface Reader {
  readonly worker: Worker;
  busy: boolean;
  idle: NodeJS.Timeout | null;
  /** Set when the thread failed or exited. */
  dead: Error | null;
  readonly died: Promise<void>;
}

let current: Reader | null = null;

/** Atomics.waitAsync (ES2024, in Node 20; the project's TypeScript library is ES2022). */
const atomics = Atomics as unknown as {
  waitAsync(
    this: void,
    a: Int32Array,
    index: number,
    value: number,
    timeout: number,
  ): { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };
};
const waitAsync = (a: Int32Array, index: number, value: number, timeout: number) =>
  atomics.waitAsync(a, index, value, timeout);

/** tsx's ESM API (its `register`), for a reader thread started from source. */
function tsxApi(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Where import.meta.resolve is not offered (a test runner's module loader): from the working directory.
    return 'tsx/esm/api';
  }
}

function startReader(): Reader {
  const self = import.meta.url;
  // From source (tests, tsx) the worker is TypeScript: it registers tsx's loader first.
  const fromSource = self.endsWith('.ts');
  const target = new URL(`./sbom-read-worker.${fromSource ? 'ts' : 'js'}`, self).href;
  const workerData = {
    sbomReader: true,
    target,
    tsx: fromSource ? tsxApi() : null,
  };
  const worker = fromSource
    ? new Worker(
        `const { workerData: d } = require('node:worker_threads'); import(d.tsx).then((m) => { m.register(); return import(d.target); });`,
        { eval: true, workerData },
      )
    : new Worker(new URL(target), { workerData });
  worker.unref();
  let resolveDied!: () => void;
  const reader: Reader = {
    worker,
    busy: false,
    idle: null,
    dead: null,
    died: new Promise<void>((r) => (resolveDied = r)),
  };
  const die = (e: Error) => {
    reader.dead ??= e;
    if (current === reader) current = null;
    resolveDied();
  };
  worker.on('error', (e) => die(e));
  worker.on('exit', (code) => die(new Error(`the SBOM reader thread exited (code ${code})`)));
  return reader;
}

function stopReader(reader: Reader): void {
  if (current === reader) current = null;
  if (reader.idle) clearTimeout(reader.idle);
  void reader.worker.terminate();
}

/** Stops the reader thread if one runs (tests; a process exits without it: the thread is unref'd). */
export function stopSbomReaderThread(): void {
  if (current) stopReader(current);
}

function readerError(m: { message: string; stack: string }): Error {
  const e = new Error(`the SBOM reader thread failed: ${m.message}`);
  e.stack = `${e.stack}\n    in the reader thread: ${m.stack}`;
  return e;
}

/**
 * Reads `bytes` on the reader thread: the outcome of `readSbomStream` as a FlatSbomStream, once its
 * head is known; null when the reader thread is busy with another upload (read it on this thread).
 */
export async function readSbomOffThread(
  bytes: Uint8Array,
  options: { limits: SbomLimits; fileName: string },
): Promise<FlatSbomStreamResult | null> {
  if (current?.busy) return null;
  const reader = (current ??= startReader());
  reader.busy = true;
  // Referenced while it works: the wait for the head below does not keep the process alive by itself.
  reader.worker.ref();
  if (reader.idle) clearTimeout(reader.idle);
  reader.idle = null;
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const copy = bytes.slice();
  const job: ReaderJob = {
    bytes: copy,
    limits: options.limits,
    fileName: options.fileName,
    port: port2,
    signal,
    batch,
  };
  reader.worker.postMessage(job, [port2, copy.buffer]);

  let ended = false;
  /** The job is over: the thread is free again (or stopped, when the job ended early). */
  const end = (complete: boolean) => {
    if (ended) return;
    ended = true;
    port1.close();
    if (!complete || reader.dead) return stopReader(reader);
    reader.busy = false;
    reader.worker.unref();
    reader.idle = setTimeout(() => stopReader(reader), idleMs);
    reader.idle.unref();
  };
  const take = (): ReaderMessage => {
    for (;;) {
      const seen = Atomics.load(signal, 0);
      const m = receiveMessageOnPort(port1);
      if (m) return m.message as ReaderMessage;
      if (Atomics.wait(signal, 0, seen, stallMs) === 'timed-out') {
        end(false);
        throw new Error(`the SBOM reader thread sent nothing for ${stallMs / 1000} s`);
      }
    }
  };

  let first: ReaderMessage | undefined;
  try {
    for (;;) {
      const seen = Atomics.load(signal, 0);
      const m = receiveMessageOnPort(port1);
      if (m) {
        first = m.message as ReaderMessage;
        break;
      }
      if (reader.dead) throw reader.dead;
      const wait = waitAsync(signal, 0, seen, stallMs);
      if (wait.async) {
        const outcome = await Promise.race([wait.value, reader.died.then(() => 'died' as const)]);
        if (outcome === 'timed-out')
          throw new Error(`the SBOM reader thread sent nothing for ${stallMs / 1000} s`);
      }
    }
  } catch (e) {
    end(false);
    throw e;
  }
  if (first.t === 'failure') {
    end(true);
    return first.failure;
  }
  if (first.t === 'error') {
    end(true);
    throw readerError(first);
  }
  if (first.t !== 'head') {
    end(false);
    throw new Error(`the SBOM reader thread sent ${first.t} before the document's head`);
  }
  const head = first.head;
  let diagnostics: readonly SbomDiagnostic[] = first.diagnostics;
  let graph: DependencyGraph | null = null;
  /** The next message, which must be one of `expected` (an error message or anything else ends the job). */
  const next = <T extends ReaderMessage['t']>(...expected: T[]): Extract<ReaderMessage, { t: T }> => {
    const m = take();
    if ((expected as string[]).includes(m.t)) return m as Extract<ReaderMessage, { t: T }>;
    end(m.t === 'error' || m.t === 'refused');
    if (m.t === 'error') throw readerError(m);
    throw new Error(`the SBOM reader thread sent ${m.t}, expected ${expected.join(' or ')}`);
  };
  return {
    ok: true,
    stream: {
      head,
      get diagnostics() {
        return diagnostics;
      },
      *components() {
        for (;;) {
          const m = next('rows', 'dependencies', 'refused');
          if (m.t === 'rows') yield* m.rows;
          else if (m.t === 'dependencies') {
            graph = m.graph;
            return;
          } else {
            end(true);
            throw new SbomRefused(m.failure);
          }
        }
      },
      dependencies() {
        if (graph === null) throw new Error('readSbomOffThread: dependencies() needs components() first');
        return graph;
      },
      finish() {
        if (graph === null) throw new Error('readSbomOffThread: finish() needs components() first');
        const m = next('finished');
        end(true);
        diagnostics = m.diagnostics;
        if (m.failure) throw new SbomRefused(m.failure);
      },
      close: () => end(false),
    },
  };
}
