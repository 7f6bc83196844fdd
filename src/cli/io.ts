/** Everything a command touches outside itself, passed in so that tests call `run()` directly. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  /** Resolves when stdout has passed on everything written to it (absent: at once). */
  readonly drained?: () => Promise<void>;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Reads all of standard input (for --password-stdin and piped data). */
  readonly readStdin: () => Promise<string>;
  /** HTTP for server-backed commands; tests route it into the app with inject(). */
  readonly fetch: typeof fetch;
  /**
   * For a command that can stop part-way and leave things in order (`serve`, `feeds import|sync|install`):
   * from this call on, SIGINT (Ctrl-C) and SIGTERM abort the returned signal, with the signal's name
   * as its reason, instead of ending the process; the command stops at its next safe point and
   * returns `stoppedExitCode(reason)`. A second signal ends the process at once. A command that never
   * calls this ends at once on the first signal, as a process without handlers does.
   */
  readonly takeStop: () => AbortSignal;
}

/** Resolves when `signal` is aborted (at once if it already is). */
export function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * A reader that stops early (`mamori scan … | head`) closes the pipe, and the rest of the output has
 * nowhere to go. That is not the command's failure: exit quietly with the exit code so far, as other
 * command-line tools do, instead of an unhandled EPIPE with a stack trace. Other errors still throw.
 */
export function quietOnClosedPipe(
  stream: { on(event: 'error', listener: (e: NodeJS.ErrnoException) => void): unknown },
  exit: (code: number) => void,
  exitCode: () => number = () => (typeof process.exitCode === 'number' ? process.exitCode : 0),
): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') exit(exitCode());
    else throw e;
  });
}

/** What textWriter needs of a stream: process.stdout and process.stderr. */
export interface ByteStream {
  write(chunk: string | Uint8Array): boolean;
  readonly writableLength: number;
}

/**
 * Writes text to a stream. A large text (a scan's JSON comes in pieces of about 1 MiB, some 30 MB
 * in all) is encoded into a buffer that is kept and used again, instead of a new buffer per piece:
 * allocating those took 0.1–0.3 s of a benchmark scan, encoding into a kept one 15–20 ms. The
 * buffer is used again only when the stream holds nothing back: always for a file or a terminal,
 * and for a pipe once its reader has caught up (`printPrettyJson` waits for that between pieces);
 * a stream that queued the chunk keeps it, and the next piece gets a new buffer.
 */
export function textWriter(stream: ByteStream, minBytes = 1 << 16): (text: string) => void {
  let kept: Buffer | null = null;
  return (text) => {
    if (text.length < minBytes) {
      stream.write(text);
      return;
    }
    // At most 3 bytes of UTF-8 per UTF-16 code unit.
    const room = text.length * 3;
    const buf = kept !== null && kept.length >= room ? kept : Buffer.allocUnsafe(Math.max(room, 1 << 22));
    kept = null;
    const n = buf.write(text, 0);
    stream.write(buf.subarray(0, n));
    if (stream.writableLength === 0) kept = buf;
  };
}

/** What drainedOf needs of a stream: process.stdout. */
export interface DrainingStream {
  readonly writableNeedDrain: boolean;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  off(event: 'drain' | 'close', listener: () => void): unknown;
}

/**
 * Resolves when the stream is ready for more: at once unless it has said to wait for 'drain' (a
 * write that filled its buffer). Waiting whenever anything is still queued was wrong: a small write
 * that a full pipe held back queues a few bytes without promising a 'drain', so the promise never
 * settled, the event loop ran out once those bytes had gone, and `mamori scan --format json` piped
 * to a slow reader exited with 13 (unsettled top-level await) and cut its output short.
 */
export function drainedOf(stream: DrainingStream): Promise<void> {
  if (!stream.writableNeedDrain) return Promise.resolve();
  return new Promise<void>((resolve) => {
    // A closed pipe ends the process (quietOnClosedPipe); 'close' only keeps this from waiting forever.
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.once('drain', done);
    stream.once('close', done);
  });
}

export function processIo(): CliIo {
  quietOnClosedPipe(process.stdout, (code) => process.exit(code));
  quietOnClosedPipe(process.stderr, (code) => process.exit(code));
  // The handlers are installed only when a command takes the stop: until then (and for every other
  // command) a signal ends the process as it would without them. They were once installed for every
  // command, and only `serve` waited on them: Ctrl-C during a long `feeds sync` was swallowed.
  let stop: AbortController | null = null;
  const takeStop = (): AbortSignal => {
    if (stop === null) {
      const controller = new AbortController();
      stop = controller;
      // `once`: after the first signal the default action is back, so a second one ends the process.
      process.once('SIGINT', () => controller.abort('SIGINT'));
      process.once('SIGTERM', () => controller.abort('SIGTERM'));
    }
    return stop.signal;
  };
  return {
    stdout: textWriter(process.stdout),
    drained: () => drainedOf(process.stdout),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    fetch: globalThis.fetch,
    takeStop,
  };
}
