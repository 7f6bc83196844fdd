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

  /** GETs a document (HTML, PDF, CSV, VEX …): its bytes as the server sent them, and its media type. */
  async download(path: string): Promise<{ bytes: Uint8Array; mediaType: string }> {
    const response = await this.fetchResponse('GET', path, '*/*');
    if (!response.ok) throw await this.failure(response);
    return { bytes: new Uint8Array(await response.arrayBuffer()), mediaType: response.headers.get('content-type') ?? 'application/octet-stream' };
  }

  private async send<T>(method: string, path: string, payload?: { type: string; body: string | Uint8Array }): Promise<T> {
    const response = await this.fetchResponse(method, path, 'application/json', payload);
    if (!response.ok) throw await this.failure(response);
    const text = await response.text();
    return (text === '' ? null : JSON.parse(text)) as T;
  }

  private async fetchResponse(method: string, path: string, accept: string, payload?: { type: string; body: string | Uint8Array }): Promise<Response> {
    const url = `${this.server.replace(/\/+$/, '')}/api/v1${path}`;
    try {
      return await this.fetchImpl(url, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          accept,
          ...(payload ? { 'content-type': payload.type } : {}),
        },
        ...(payload ? { body: typeof payload.body === 'string' ? payload.body : new Blob([new Uint8Array(payload.body)]) } : {}),
      });
    } catch (e) {
      throw new CliFailure(`Cannot reach the mamori server at ${this.server}: ${(e as Error).message}`, exitCodes.usage);
    }
  }

  /** A refusal as the CLI reports it: the problem's detail and code, its issues, the exit code of its code. */
  private async failure(response: Response): Promise<CliFailure> {
    const text = await response.text();
    let problem: Problem = {};
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      /* not JSON: report the status */
    }
    const lines = [`${problem.detail ?? `The server answered ${response.status}.`}${problem.code ? ` [${problem.code}]` : ''}`];
    for (const issue of problem.issues ?? []) lines.push(`  ${issue.path || '(request)'}: ${issue.message}`);
    return new CliFailure(lines.join('\n'), problem.code ? exitCodeForError(problem.code) : response.status >= 500 ? exitCodes.internal : exitCodes.usage);
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

/**
 * For a command that reads the local data folder by default and the server when one is configured
 * (compliance gap/export, risk list/export, trace, vex export, triage show): the server's client when
 * both the server and a token are given (--server/--token, MAMORI_SERVER/MAMORI_TOKEN or the config
 * file), null for the local data folder. Only one of --server/--token on the command line is refused
 * as for every server command, and so is --org with a server (a token belongs to one organisation).
 */
export function serverClientFor(config: Config, io: CliIo, flags: { server?: string | undefined; token?: string | undefined }, org?: string): ApiClient | null {
  const wantsServer = (config.server !== undefined && config.token !== undefined) || flags.server !== undefined || flags.token !== undefined;
  if (!wantsServer) return null;
  const client = apiClient(config, io);
  if (org !== undefined)
    throw new CliFailure('--org chooses the organisation in the local data folder; on a server the organisation is the one of the token. Leave out --org, or --server/--token.', exitCodes.usage);
  return client;
}
