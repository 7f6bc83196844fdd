/**
 * The read commands an auditor with only an API token needs (compliance gap/export, risk list/export,
 * trace, vex export, triage show) read the local data folder by default, and the server when one is
 * configured (--server and --token, MAMORI_SERVER and MAMORI_TOKEN, or the config file): the same
 * use-cases answer both, so the output is the same.
 */
import type { Product } from '../../core/domain/product.js';
import type { ServiceContext } from '../../services/context.js';
import type { operatorActor } from '../../services/organizations.js';
import { serverClientFor, type ApiClient } from '../api-client.js';
import { configFrom, type GlobalOptions } from '../config-from.js';
import type { CliIo } from '../io.js';
import { resolveProduct } from './product.js';
import { withProduct } from './threat.js';

/** One line for a command's help: where it reads from. */
export const readsLocalOrServer = 'Reads the local data folder, or the server when --server and --token (MAMORI_SERVER, MAMORI_TOKEN) are given.';

/** The server's client when the command should read the server, else null (the local data folder). */
export function readServer(io: CliIo, global: () => GlobalOptions, org?: string): ApiClient | null {
  const g = global();
  return serverClientFor(configFrom(io, g), io, { server: g.server, token: g.token }, org);
}

/** Reads something of the product named by --product, from the server or from the local data folder. */
export async function readForProduct<T>(
  io: CliIo,
  global: () => GlobalOptions,
  opts: { org?: string; product: string },
  fromServer: (client: ApiClient, product: { id: string; name: string }) => Promise<T>,
  fromLocal: (ctx: ServiceContext, actor: ReturnType<typeof operatorActor>, product: Product) => Promise<T>,
): Promise<T> {
  const client = readServer(io, global, opts.org);
  if (client) return fromServer(client, await resolveProduct(client, opts.product));
  return withProduct(io, global, opts, fromLocal);
}
