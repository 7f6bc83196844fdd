/** Runs the CLI in-process through run(), capturing stdout and stderr. */
import { run } from '../../src/cli/run.js';
import type { CliIo } from '../../src/cli/io.js';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(
  argv: readonly string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; stdin?: string; fetch?: typeof fetch; stop?: AbortSignal; onStderr?: (text: string) => void } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
      options.onStderr?.(t);
    },
    env: { ...options.env },
    cwd: options.cwd ?? process.cwd(),
    readStdin: async () => options.stdin ?? '',
    fetch: options.fetch ?? (() => Promise.reject(new Error('no network in tests'))),
    takeStop: () => options.stop ?? new AbortController().signal,
  };
  const code = await run(argv, io);
  return { code, stdout, stderr };
}
