import type { Command } from 'commander';
import { catalogKey, catalogTree, resolveCatalog, type Catalog } from '../../core/compliance/catalog.js';
import { catalogs as shippedCatalogs } from '../../catalogs/index.js';
import type { GlobalOptions } from '../context.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { printData } from '../output.js';

/**
 * `mamori compliance catalogs` and `mamori compliance clauses CATALOG` — read-only views of the
 * shipped, frozen compliance catalogs. No database or server is needed.
 */
export function registerCompliance(
  program: Command,
  io: CliIo,
  global: () => GlobalOptions,
  catalogs: readonly Catalog[] = shippedCatalogs,
): void {
  const compliance = program
    .command('compliance')
    .description('Compliance catalogs: IEC 81001-5-1, MHLW guidance and notices, IMDRF, FDA, EU');

  compliance
    .command('catalogs')
    .description('List the shipped catalogs (id, version, title, number of entries)')
    .action(() => {
      const rows = catalogs.map((c) => ({
        id: c.id,
        version: c.version,
        key: catalogKey(c),
        kind: c.kind,
        publisher: c.publisher,
        title: c.title,
        entries: c.entries.length,
      }));
      printData(io, global().format ?? 'table', rows, {
        columns: ['id', 'version', 'entries', 'title (ja)', 'title (en)'],
        rows,
        cells: (r) => [r.id, r.version, String(r.entries), r.title.ja, r.title.en],
      });
    });

  compliance
    .command('clauses')
    .description('List every entry of a catalog as a tree (CATALOG is an id, or id@version)')
    .argument('<catalog>', 'catalog id, e.g. iec-81001-5-1 or iec-81001-5-1@2021')
    .action((ref: string) => {
      const catalog = resolveCatalog(catalogs, ref);
      if (!catalog) {
        const known = [...new Set(catalogs.map((c) => catalogKey(c)))].join(', ');
        throw new CliFailure(`Unknown catalog "${ref}". Known catalogs: ${known}`, exitCodes.usage);
      }
      const rows = catalogTree(catalog).map(({ entry, depth }) => ({
        id: entry.id,
        parent: entry.parent,
        depth,
        kind: entry.kind,
        level: entry.level,
        normative: entry.normative !== false,
        title: entry.title,
        description: entry.description,
        expectedEvidence: entry.expectedEvidence,
        provenance: entry.provenance,
        sourceNote: entry.sourceNote,
      }));
      printData(
        io,
        global().format ?? 'table',
        { catalog: { id: catalog.id, version: catalog.version, title: catalog.title }, entries: rows },
        {
          columns: ['id', 'provenance', 'title (ja)', 'title (en)'],
          rows,
          cells: (r) => [`${'  '.repeat(r.depth)}${r.id}`, r.provenance, r.title.ja, r.title.en],
        },
      );
    });
}
