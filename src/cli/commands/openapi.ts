import type { Command } from 'commander';
import { openApiDocument } from '../../server/openapi-document.js';
import type { GlobalOptions } from '../context.js';
import { writeOutputFile } from '../input-file.js';
import type { CliIo } from '../io.js';

export function registerOpenApiCommand(program: Command, io: CliIo, _global: () => GlobalOptions): void {
  program
    .command('openapi')
    .description('Print the OpenAPI 3.1 document of the API (the committed openapi.json is this output)')
    .option('--out <file>', 'write to a file instead of stdout')
    .action(async (opts: { out?: string }) => {
      const text = await openApiDocument();
      if (opts.out) {
        writeOutputFile(io, opts.out, text);
        io.stderr(`Wrote ${opts.out}\n`);
      } else io.stdout(text);
    });
}
