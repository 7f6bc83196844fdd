/**
 * The CLI run as a user whom file permissions apply to, for tests of read-only files and folders:
 * in-process through `run()` when the tests do not run as root; as uid and gid 65534 (nobody) in a
 * child process through `setpriv` when they do (root ignores permissions); neither, with the reason,
 * when `setpriv` is missing or that user cannot read the repository.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCli, type CliResult } from './cli.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nobody = ['--reuid=65534', '--regid=65534', '--clear-groups'];

export type UnprivilegedCli =
  | { readonly run: (argv: readonly string[], cwd: string) => Promise<CliResult>; readonly how: string }
  | { readonly skip: string };

let found: UnprivilegedCli | undefined;

export function unprivilegedCli(): UnprivilegedCli {
  if (found) return found;
  if (process.getuid?.() !== 0)
    return (found = { run: (argv, cwd) => runCli(argv, { cwd }), how: 'in-process run() as this user' });
  // The loader by its location: the child runs in the test's folder, where `tsx` does not resolve.
  const tsxArgs = ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href];
  const probe = spawnSync('setpriv', [...nobody, process.execPath, ...tsxArgs, '-e', '0'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (probe.error || probe.status !== 0)
    return (found = {
      skip: `running as root, and \`setpriv --reuid=65534\` could not run node in ${repoRoot} (${probe.error?.message ?? probe.stderr.trim().split('\n')[0] ?? `exit ${probe.status}`})`,
    });
  return (found = {
    how: 'a child process as uid 65534 (setpriv)',
    run: (argv, cwd) =>
      new Promise((resolve) => {
        const child = spawn(
          'setpriv',
          [...nobody, process.execPath, ...tsxArgs, path.join(repoRoot, 'src/cli/main.ts'), ...argv],
          {
            cwd,
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
      }),
  });
}
