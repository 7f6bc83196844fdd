import { Option, type Command } from 'commander';
import { sameFolded } from '../../core/search-fold.js';
import type { z } from 'zod';
import { connectivityKinds, deviceClasses, useEnvironments } from '../../core/domain/product.js';
import type { Page } from '../../core/page.js';
import type { Product } from '../../contract/products.js';
import { type ApiClient, apiClient } from '../api-client.js';
import { configFrom, type GlobalOptions } from '../config-from.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { printData, renderRecord } from '../output.js';
import { talksToServer } from '../server-option.js';

type ProductT = z.infer<typeof Product>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A product named by id or by its exact name (archived ones included). */
export async function resolveProduct(client: ApiClient, ref: string): Promise<ProductT> {
  if (uuid.test(ref)) return client.request<ProductT>('GET', `/products/${ref}`);
  const page = await client.request<Page<ProductT>>(
    'GET',
    `/products?archived=include&limit=500&q=${encodeURIComponent(ref)}`,
  );
  const exact = page.items.filter((p) => p.name === ref);
  const loose = page.items.filter((p) => sameFolded(p.name, ref));
  const match = exact.length === 1 ? exact[0] : loose.length === 1 ? loose[0] : undefined;
  if (match) return match;
  throw new CliFailure(
    loose.length > 1
      ? `Several products are named "${ref}"; use the id.`
      : `No product "${ref}". See \`mamori product list\`.`,
    exitCodes.usage,
  );
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

interface ProductFlags {
  name?: string;
  manufacturer?: string;
  model?: string[];
  class?: string;
  samd?: boolean;
  environment?: string[];
  connectivity?: string[];
  description?: string;
}

function addProductFields(cmd: Command, required: boolean): Command {
  const opt = (flags: string, text: string) =>
    required ? cmd.requiredOption(flags, text) : cmd.option(flags, text);
  opt('--name <name>', 'product name');
  opt('--manufacturer <name>', 'manufacturer (marketing authorisation holder)');
  return cmd
    .option('--model <number>', 'model or catalogue number (repeat for several)', collect)
    .addOption(new Option('--class <class>', 'JP device class').choices(deviceClasses))
    .option('--samd', 'software as a medical device')
    .option('--no-samd', 'not software as a medical device')
    .addOption(
      new Option('--environment <env>', 'intended use environment (repeatable)').choices(useEnvironments).argParser(collect),
    )
    .addOption(
      new Option('--connectivity <kind>', 'network or other connectivity (repeatable)')
        .choices(connectivityKinds)
        .argParser(collect),
    )
    .option('--description <text>', 'intended use and other notes');
}

function productBody(f: ProductFlags): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (f.name !== undefined) body.name = f.name;
  if (f.manufacturer !== undefined) body.manufacturer = f.manufacturer;
  if (f.model !== undefined) body.modelNumbers = f.model;
  if (f.class !== undefined) body.deviceClass = f.class;
  if (f.samd !== undefined) body.isSamd = f.samd;
  if (f.environment !== undefined) body.useEnvironments = f.environment;
  if (f.connectivity !== undefined) body.connectivity = f.connectivity;
  if (f.description !== undefined) body.description = f.description;
  return body;
}

export function printProduct(io: CliIo, format: string | undefined, p: ProductT): void {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(p, null, 2)}\n`);
    return;
  }
  io.stdout(
    renderRecord([
      ['id', p.id],
      ['name', p.name],
      ['manufacturer', p.manufacturer],
      ['models', p.modelNumbers.join(', ') || '-'],
      ['class', p.deviceClass ?? '-'],
      ['samd', p.isSamd ? 'yes' : 'no'],
      ['environments', p.useEnvironments.join(', ') || '-'],
      ['connectivity', p.connectivity.join(', ') || '-'],
      ['description', p.description || '-'],
      ['status', p.archivedAt ? `archived ${p.archivedAt}` : 'active'],
      ['updated', p.updatedAt],
    ]),
  );
}

export function registerProduct(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const product = talksToServer(program.command('product')).description('Products (devices and SaMD); talks to a server (--server, --token)');
  const client = () => apiClient(configFrom(io, global()), io);

  addProductFields(product.command('create').description('Create a product'), true).action(async (f: ProductFlags) => {
    printProduct(io, global().format, await client().request<ProductT>('POST', '/products', productBody(f)));
  });

  product
    .command('list')
    .description('List products (active ones unless --archived says otherwise)')
    .addOption(new Option('--archived <which>', 'archived products').choices(['exclude', 'include', 'only']).default('exclude'))
    .option('--search <text>', 'only products whose name, manufacturer or model number contains this')
    .option('--limit <n>', 'page size', '100')
    .option('--offset <n>', 'skip this many', '0')
    .action(async (o: { archived: string; search?: string; limit: string; offset: string }) => {
      const q = new URLSearchParams({ archived: o.archived, limit: o.limit, offset: o.offset });
      if (o.search) q.set('q', o.search);
      const page = await client().request<Page<ProductT>>('GET', `/products?${q.toString()}`);
      printData(io, global().format ?? 'table', page, {
        columns: ['name', 'models', 'class', 'samd', 'manufacturer', 'id'],
        rows: page.items,
        cells: (p) => [
          p.archivedAt ? `${p.name} (archived)` : p.name,
          p.modelNumbers.join(', '),
          p.deviceClass ?? '-',
          p.isSamd ? 'yes' : 'no',
          p.manufacturer,
          p.id,
        ],
      });
      if (page.total > page.offset + page.items.length)
        io.stderr(`Showing ${page.items.length} of ${page.total}; use --offset ${page.offset + page.items.length} for more.\n`);
    });

  product
    .command('show <product>')
    .description('Show one product (by id or exact name)')
    .action(async (ref: string) => {
      const c = client();
      printProduct(io, global().format, await resolveProduct(c, ref));
    });

  addProductFields(product.command('update <product>').description('Change fields of a product'), false).action(
    async (ref: string, f: ProductFlags) => {
      const body = productBody(f);
      if (Object.keys(body).length === 0) throw new CliFailure('Nothing to change: give at least one field option.', exitCodes.usage);
      const c = client();
      const p = await resolveProduct(c, ref);
      printProduct(io, global().format, await c.request<ProductT>('PATCH', `/products/${p.id}`, body));
    },
  );

  for (const [verb, text] of [
    ['archive', 'Archive a product: hidden from working lists, nothing deleted'],
    ['restore', 'Restore an archived product'],
  ] as const) {
    product
      .command(`${verb} <product>`)
      .description(text)
      .action(async (ref: string) => {
        const c = client();
        const p = await resolveProduct(c, ref);
        printProduct(io, global().format, await c.request<ProductT>('POST', `/products/${p.id}/${verb}`));
      });
  }
}
