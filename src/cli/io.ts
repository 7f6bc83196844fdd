/** Everything a command touches outside itself, passed in so that tests call `run()` directly. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** Reads all of standard input (for --password-stdin and piped data). */
  readonly readStdin: () => Promise<string>;
  /** HTTP for server-backed commands; tests route it into the app with inject(). */
  readonly fetch: typeof fetch;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM); `serve` waits on it. */
  readonly stopSignal: Promise<void>;
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

export function processIo(): CliIo {
  quietOnClosedPipe(process.stdout, (code) => process.exit(code));
  quietOnClosedPipe(process.stderr, (code) => process.exit(code));
  const stopSignal = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    fetch: globalThis.fetch,
    stopSignal,
  };
}
