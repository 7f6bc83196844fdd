/**
 * `mamori threat import FILE --product P` (OWASP Threat Dragon v2 JSON → a new threat model version) and
 * `mamori threat export --product P --to threat-dragon|json [--out FILE]`, on the local database.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Product } from '../../core/domain/product.js';
import type { ServiceContext } from '../../services/context.js';
import { operatorActor } from '../../services/organizations.js';
import { exportThreatModel, getCurrentThreatModel, importThreatDragonModel, listThreatModelVersions } from '../../services/threats.js';
import { configFrom, operatorName, withLocalStore, type GlobalOptions } from '../context.js';
import { deprecatedAlias } from '../deprecated-option.js';
import { CliFailure, exitCodeForError, exitCodes } from '../exit-codes.js';
import { readInputFile, writeOutputFile } from '../input-file.js';
import { resolveLocalProduct } from './local-product.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../output.js';
import { resolveOrganization } from './user.js';

/** Threat Dragon files larger than this are refused before reading (the API refuses them too). */
const maxFileBytes = 20 * 1024 * 1024;


export function failWith(error: { code: string; message: string; issues?: readonly { path: string; message: string }[] }): never {
  const issues = (error.issues ?? []).slice(0, 20).map((i) => `\n  ${i.path || '(document)'}: ${i.message}`).join('');
  throw new CliFailure(`${error.message}${issues}`, exitCodeForError(error.code));
}

/** Runs `fn` with the local store, the organisation (--org) and the product (--product). */
export async function withProduct<T>(
  io: CliIo,
  global: () => GlobalOptions,
  opts: { org?: string; product: string },
  fn: (ctx: ServiceContext, actor: ReturnType<typeof operatorActor>, product: Product) => Promise<T>,
): Promise<T> {
  const config = configFrom(io, global());
  return withLocalStore(config, async (ctx) => {
    const org = await resolveOrganization(ctx, opts.org);
    const product = await resolveLocalProduct(ctx, org.id, opts.product);
    return fn(ctx, operatorActor(org.id, operatorName(io)), product);
  });
}

export function registerThreat(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const threat = program.command('threat').description('Threat models of a product (local data folder only): Threat Dragon import and export, versions');

  threat
    .command('import')
    .description('Import an OWASP Threat Dragon v2 model file as a new version of the product’s threat model (the previous version is frozen)')
    .argument('<file>', 'Threat Dragon v2 JSON file')
    .requiredOption('--product <product>', 'product id or exact name')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .option('--label <label>', 'version label (default: the model title)')
    .action(async (file: string, opts: { product: string; org?: string; label?: string }) => {
      const text = readInputFile(io, file, maxFileBytes, () => new CliFailure(`${file} is larger than ${maxFileBytes / 1024 / 1024} MB.`, exitCodes.usage)).toString('utf8');
      let doc: unknown;
      try {
        doc = JSON.parse(text.replace(/^\ufeff/, ''));
      } catch (e) {
        throw new CliFailure(`${file} is not JSON: ${(e as Error).message}`, exitCodes.usage);
      }
      await withProduct(io, global, opts, async (ctx, actor, product) => {
        const result = await importThreatDragonModel(ctx, actor, product.id, doc, { label: opts.label, fileName: path.basename(file) });
        if (!result.ok) failWith(result.error);
        const v = result.value;
        for (const w of v.warnings) io.stderr(`warning: ${w}\n`);
        if (global().format === 'json') io.stdout(`${JSON.stringify({ ...v, model: undefined }, null, 2)}\n`);
        else io.stdout(`${v.id}\n`);
        io.stderr(`Imported ${path.basename(file)} as version ${v.version} (“${v.label}”) of ${product.name}: ${v.elementCount} elements, ${v.threatCount} threats.\n`);
      });
    });

  const exportCommand = threat
    .command('export')
    .description('Write a threat model version as Threat Dragon v2 JSON or as mamori JSON (stdout, or --out FILE)')
    .requiredOption('--product <product>', 'product id or exact name')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .addOption(new Option('--to <format>', 'file format').choices(['threat-dragon', 'json']).default('threat-dragon'))
    .option('--version-number <n>', 'which version (default: the newest)')
    .option('--out <file>', 'write to this file instead of stdout')
    .action(async (opts: { product: string; org?: string; to: 'threat-dragon' | 'json'; versionNumber?: string; out?: string }) => {
      await withProduct(io, global, opts, async (ctx, actor, product) => {
        let id: string;
        if (opts.versionNumber !== undefined) {
          const versions = await listThreatModelVersions(ctx, actor, product.id);
          if (!versions.ok) failWith(versions.error);
          const match = versions.value.find((v) => String(v.version) === opts.versionNumber);
          if (!match) throw new CliFailure(`${product.name} has no threat model version ${opts.versionNumber}.`, exitCodes.usage);
          id = match.id;
        } else {
          const current = await getCurrentThreatModel(ctx, actor, product.id);
          if (!current.ok) failWith(current.error);
          id = current.value.id;
        }
        const result = await exportThreatModel(ctx, actor, id, opts.to);
        if (!result.ok) failWith(result.error);
        const text = `${JSON.stringify(result.value.document, null, 2)}\n`;
        if (opts.out) {
          writeOutputFile(io, opts.out, text);
          io.stderr(`Wrote ${opts.out}.\n`);
        } else io.stdout(text);
      });
    });
  // --format is the output format of data on stdout everywhere; the file format is --to.
  deprecatedAlias(exportCommand, io, '--format <format>', '--to');

  threat
    .command('versions')
    .description('List the threat model versions of a product, newest first')
    .requiredOption('--product <product>', 'product id or exact name')
    .option('--org <slug>', 'organisation (needed when there are several)')
    .action(async (opts: { product: string; org?: string }) => {
      await withProduct(io, global, opts, async (ctx, actor, product) => {
        const result = await listThreatModelVersions(ctx, actor, product.id);
        if (!result.ok) failWith(result.error);
        if (global().format === 'json') io.stdout(`${JSON.stringify(result.value, null, 2)}\n`);
        else
          io.stdout(
            renderTable(
              ['version', 'label', 'elements', 'threats', 'state', 'id'],
              result.value.map((v) => [String(v.version), v.label, String(v.elementCount), String(v.threatCount), v.frozenAt ? `frozen ${v.frozenAt}` : 'current', v.id]),
            ),
          );
      });
    });
}
