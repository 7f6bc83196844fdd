/** The CLI's HTTP client for server-backed commands: token auth, problem+json turned into exit codes. */
import type { Config } from '../config.js';
import { CliFailure, exitCodeForError, exitCodes } from './exit-codes.js';
import type { CliIo } from './io.js';

interface Problem {
  code?: string;
  detail?: string;
  issues?: { path: string; message: string }[];
}

export class ApiClient {
  constructor(
    private readonly server: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch,
  ) {}

  request<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.send<T>(method, path, body === undefined ? undefined : { type: 'application/json', body: JSON.stringify(body) });
  }

  /** POSTs a file as the raw request body. */
  upload<T>(path: string, bytes: Uint8Array): Promise<T> {
    return this.send<T>('POST', path, { type: 'application/octet-stream', body: bytes });
  }

  private async send<T>(method: string, path: string, payload?: { type: string; body: string | Uint8Array }): Promise<T> {
    const url = `${this.server.replace(/\/+$/, '')}/api/v1${path}`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept: 'application/json',
          ...(payload ? { 'content-type': payload.type } : {}),
        },
        ...(payload ? { body: typeof payload.body === 'string' ? payload.body : new Blob([new Uint8Array(payload.body)]) } : {}),
      });
    } catch (e) {
      throw new CliFailure(`Cannot reach the mamori server at ${this.server}: ${(e as Error).message}`, exitCodes.usage);
    }
    const text = await response.text();
    if (!response.ok) {
      let problem: Problem = {};
      try {
        problem = JSON.parse(text) as Problem;
      } catch {
        /* not JSON: report the status */
      }
      const lines = [`${problem.detail ?? `The server answered ${response.status}.`}${problem.code ? ` [${problem.code}]` : ''}`];
      for (const issue of problem.issues ?? []) lines.push(`  ${issue.path || '(request)'}: ${issue.message}`);
      throw new CliFailure(lines.join('\n'), problem.code ? exitCodeForError(problem.code) : response.status >= 500 ? exitCodes.internal : exitCodes.usage);
    }
    return (text === '' ? null : JSON.parse(text)) as T;
  }
}

export function apiClient(config: Config, io: CliIo): ApiClient {
  if (!config.server || !config.token)
    throw new CliFailure(
      'This command talks to a mamori server: give --server URL and --token TOKEN (or set MAMORI_SERVER and MAMORI_TOKEN).\n' +
        'Create a token in the web app (Account → API tokens) or with `mamori token create --user EMAIL --name NAME`.',
      exitCodes.usage,
    );
  return new ApiClient(config.server, config.token, io.fetch);
}
