/**
 * `mamori sbom …`: offline SBOM tools for pipelines (validate, inspect, quality, convert, diff,
 * generate) and the server-backed upload. Offline commands need no server and no database.
 */
import path from 'node:path';
import { Option, type Command } from 'commander';
import { defaultSbomLimits, type SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import { countInventoryComponents, type Component, type SbomDocument } from '../../core/sbom/model.js';
import { diffSbom } from '../../core/sbom/diff.js';
import { isSerialNumber, isTimestamp, keptSerialNumber } from '../../core/sbom/serial-number.js';
import { evaluateQuality } from '../../core/sbom/quality/evaluate-quality.js';
import { listProfiles } from '../../core/sbom/quality/profiles.js';
import type { QualityProfileId } from '../../core/sbom/quality/check.js';
import type { QualityReport } from '../../core/sbom/quality/quality-report.js';
import type { SbomDiff } from '../../core/sbom/diff.js';
import { supportedLockfileNames } from '../../sbom/generate/detect-lockfile.js';
import { generateSbomFromPath } from '../../sbom/generate/from-path.js';
import type { SbomReadFailure } from '../../sbom/read/read-failure.js';
import { readSbomLoadingXml } from '../../sbom/read/read-sbom-lazy.js';
import { writeSbom } from '../../sbom/write/index.js';
import { derivedSerialNumber } from '../../sbom/write/serial-number.js';
import { version } from '../../version.js';
import { apiClient } from '../api-client.js';
import { configFrom, type GlobalOptions } from '../config-from.js';
import { CliFailure, exitCodes } from '../exit-codes.js';
import { readInputFile, writeOutputFile } from '../input-file.js';
import type { CliIo } from '../io.js';
import { renderTable } from '../output.js';
import { waitForAnalysis } from './findings.js';
import { resolveProduct } from './product.js';
import { talksToServer } from '../server-option.js';

export const convertTargets = ['cyclonedx-1.6-json', 'cyclonedx-1.6-xml', 'spdx-2.3-json'] as const;

function readInput(io: CliIo, file: string, maxBytes: number): Uint8Array {
  const bytes = readInputFile(io, file, maxBytes, (size) => new CliFailure(`${file} is ${size} bytes, over the limit of ${maxBytes} (MAMORI_SBOM_MAX_MB).`, exitCodes.checkFailed));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function formatDiagnostic(d: SbomDiagnostic): string {
  return `${d.severity === 'error' ? 'error  ' : 'warning'} ${d.location || '(document)'}: ${d.message}${d.rule ? ` [${d.rule}]` : ''}`;
}

/**
 * The lines that report a read failure: the message once, then the other diagnostics. A failure's
 * own diagnostic repeats its message (read-failure.ts, for the API's list); its location and rule,
 * when it has them, go on the message line instead of a second copy of the message. The location
 * is left out when the message already says it ("… at byte 562", "… at line 3, column 5").
 */
function failureLines(read: SbomReadFailure, limit: number): string[] {
  const own = read.diagnostics.find((d) => d.severity === 'error' && d.message === read.message);
  const where = own?.location && !mentions(read.message, own.location) ? ` (at ${own.location})` : '';
  const rule = own?.rule ? ` [${own.rule}]` : '';
  return [`${read.message}${where}${rule}`, ...read.diagnostics.filter((d) => d !== own).slice(0, limit).map(formatDiagnostic)];
}

/** Whether `message` names `location` as a whole ("line 3" is not in "line 31"). */
function mentions(message: string, location: string): boolean {
  return new RegExp(`(^|\\W)${location.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`).test(message);
}

/**
 * `--serial-number` and `--timestamp` as the writers and the export API take them
 * (core/sbom/serial-number.ts): anything else is a usage error (exit 2), not a writer's RangeError.
 */
function checkWriterOptions(opts: { serialNumber?: string; timestamp?: string }): void {
  const problems: string[] = [];
  if (opts.serialNumber !== undefined && !isSerialNumber(opts.serialNumber))
    problems.push(`--serial-number must be urn:uuid: followed by a lower-case UUID (e.g. urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79), not ${JSON.stringify(opts.serialNumber)}.`);
  if (opts.timestamp !== undefined && !isTimestamp(opts.timestamp))
    problems.push(`--timestamp must be a date and time that exist, in RFC 3339 with seconds and a time zone (e.g. 2026-04-01T09:30:00Z or 2026-04-01T18:30:00+09:00), not ${JSON.stringify(opts.timestamp)}.`);
  if (problems.length > 0) throw new CliFailure(problems.join('\n'), exitCodes.usage);
}

/** Reads and validates; unreadable/unsupported → exit 2, invalid → exit 1 with the errors listed. */
async function loadDocument(io: CliIo, file: string, maxBytes: number): Promise<{ document: SbomDocument; diagnostics: SbomDiagnostic[]; bytes: Uint8Array }> {
  const bytes = readInput(io, file, maxBytes);
  // libxml2 is loaded only for an XML document (read-sbom-lazy.ts), as for `mamori scan`.
  const read = await readSbomLoadingXml(bytes, { limits: { ...defaultSbomLimits, maxBytes }, fileName: path.basename(file) });
  if (!read.ok) {
    throw new CliFailure(failureLines(read, 50).join('\n'), read.code === 'sbom.unsupported' || read.code === 'sbom.unreadable' ? exitCodes.usage : exitCodes.checkFailed);
  }
  const errors = read.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0)
    throw new CliFailure([`${file} is not a valid SBOM (${errors.length} error(s)):`, ...errors.slice(0, 50).map(formatDiagnostic)].join('\n'), exitCodes.checkFailed);
  // The warnings say what the model does not keep or read differently (services, impossible dates, …):
  // inspect, quality, convert and diff work on the model, so their user hears of it too.
  for (const d of read.diagnostics.slice(0, 50)) io.stderr(`${formatDiagnostic(d)}\n`);
  if (read.diagnostics.length > 50) io.stderr(`… and ${read.diagnostics.length - 50} more warning(s) in ${file} (mamori sbom validate lists 200)\n`);
  return { document: read.document, diagnostics: read.diagnostics, bytes };
}

function describe(doc: SbomDocument): string {
  const name = doc.format === 'cyclonedx' ? 'CycloneDX' : 'SPDX';
  return `${name} ${doc.specVersion} ${doc.encoding === 'tag-value' ? 'tag-value' : doc.encoding.toUpperCase()}`;
}

function inspectComponent(c: Component): Record<string, unknown> {
  return {
    bomRef: c.bomRef,
    type: c.type,
    name: c.name,
    version: c.version,
    group: c.group,
    supplier: c.supplier?.name ?? null,
    purl: c.purl,
    cpe: c.cpe,
    hashes: c.hashes.map((h) => ({ alg: h.alg, content: h.content })),
    licenses: c.licenses.map((l) => l.expression ?? l.name),
    supportLevel: c.supportLevel,
    endOfSupport: c.endOfSupport,
    ...(c.components.length > 0 ? { components: c.components.map(inspectComponent) } : {}),
  };
}

function output(io: CliIo, text: string, out: string | undefined): void {
  if (out) {
    writeOutputFile(io, out, text);
    io.stderr(`Wrote ${out}\n`);
  } else io.stdout(text);
}

export function registerSbom(program: Command, io: CliIo, global: () => GlobalOptions): void {
  const sbom = program.command('sbom').description('SBOM tools: validate, inspect, quality, convert, diff, generate (offline) and upload (server)');
  const maxBytes = () => configFrom(io, global()).sbomMaxBytes;

  sbom
    .command('validate <file>')
    .description('Validate an SBOM against its official schema (CycloneDX 1.2–1.7 JSON/XML, SPDX 2.2/2.3 JSON/tag-value)')
    .addHelpText('after', '\nExit codes: 0 valid, 1 invalid (errors listed), 2 unreadable or unsupported.')
    .action(async (file: string) => {
      const bytes = readInput(io, file, maxBytes());
      const read = await readSbomLoadingXml(bytes, { limits: { ...defaultSbomLimits, maxBytes: maxBytes() }, fileName: path.basename(file) });
      const errors = read.diagnostics.filter((d) => d.severity === 'error');
      const valid = read.ok && errors.length === 0;
      if (global().format === 'json') {
        io.stdout(
          `${JSON.stringify(
            read.ok
              ? { valid, format: read.document.format, specVersion: read.document.specVersion, encoding: read.document.encoding, componentCount: countInventoryComponents(read.document), diagnostics: read.diagnostics }
              : { valid: false, code: read.code, message: read.message, diagnostics: read.diagnostics },
            null,
            2,
          )}\n`,
        );
      } else {
        if (read.ok) {
          for (const d of read.diagnostics.slice(0, 200)) io.stderr(`${formatDiagnostic(d)}\n`);
          io.stderr(
            `${valid ? 'valid' : 'INVALID'}: ${describe(read.document)}, ${componentsCounted(read.document)}, ${errors.length} error(s), ${read.diagnostics.length - errors.length} warning(s)\n`,
          );
        } else io.stderr(`${failureLines(read, 200).join('\n')}\n`);
      }
      if (!read.ok && (read.code === 'sbom.unsupported' || read.code === 'sbom.unreadable')) throw new CliFailure('', exitCodes.usage);
      if (!valid) throw new CliFailure('', exitCodes.checkFailed);
    });

  sbom
    .command('inspect <file>')
    .description('Print the normalised document: format, metadata, components (nested), dependencies')
    .action(async (file: string) => {
      const { document: doc } = await loadDocument(io, file, maxBytes());
      const data = {
        format: doc.format,
        specVersion: doc.specVersion,
        metadata: doc.metadata,
        components: doc.components.map(inspectComponent),
        dependencies: doc.dependencies.map((d) => ({ ref: d.ref, dependsOn: [...d.dependsOn] })),
      };
      if (global().format === 'json') io.stdout(`${JSON.stringify(data, null, 2)}\n`);
      else {
        const rows: string[][] = [];
        const walk = (list: readonly Component[], depth: number) => {
          for (const c of list) {
            rows.push([`${'  '.repeat(depth)}${c.group ? `${c.group}/` : ''}${c.name}`, c.version ?? '-', c.type, c.supplier?.name ?? '-', c.purl ?? c.cpe ?? '-']);
            walk(c.components, depth + 1);
          }
        };
        // The primary component first (what the SBOM describes), marked, with its nested components.
        const primary = doc.metadata.component;
        if (primary) {
          rows.push([`${primary.group ? `${primary.group}/` : ''}${primary.name} (primary component)`, primary.version ?? '-', primary.type, primary.supplier?.name ?? '-', primary.purl ?? primary.cpe ?? '-']);
          walk(primary.components, 1);
        }
        walk(doc.components, 0);
        io.stderr(`${describe(doc)}, ${componentsCounted(doc)}, ${doc.dependencies.length} dependency entries\n`);
        io.stdout(renderTable(['name', 'version', 'type', 'supplier', 'identifier'], rows));
      }
    });

  sbom
    .command('quality <file>')
    .description('Score an SBOM against a quality profile and list what to fix')
    .addOption(new Option('--profile <id>', 'quality profile').choices(listProfiles().map((p) => p.id)).makeOptionMandatory())
    .option('--vex-linked', 'a vulnerability assessment (VEX/VDR) for this SBOM exists (FDA asks for it beside the SBOM)')
    .option('--signed', 'the SBOM is shipped with its author’s digital signature (CISA 2026)')
    .addHelpText('after', '\nExit 1 when a required check of the profile fails.\nProfiles: ' + listProfiles().map((p) => `${p.id} (${p.source.en})`).join('; '))
    .action(async (file: string, opts: { profile: QualityProfileId; vexLinked?: boolean; signed?: boolean }) => {
      const { document: doc } = await loadDocument(io, file, maxBytes());
      const inventory = countInventoryComponents(doc);
      const report = evaluateQuality(doc, opts.profile, {
        vulnerabilityAssessmentLinked: opts.vexLinked === true,
        authorSignaturePresent: opts.signed === true,
        // A document timestamp in the future fails the timestamp check.
        now: new Date().toISOString(),
      });
      if (global().format === 'json') io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else io.stdout(renderQuality(report, inventory));
      if (report.verdict === 'fail') throw new CliFailure('', exitCodes.checkFailed);
    });

  sbom
    .command('convert <file>')
    .description('Convert to CycloneDX 1.6 JSON/XML or SPDX 2.3 JSON (sorted, reproducible)')
    .addOption(new Option('--to <target>', 'output format').choices(convertTargets).makeOptionMandatory())
    .option('--out <file>', 'write to a file instead of stdout')
    .addOption(new Option('--variant <variant>', "hospital: leave out internal properties and people's e-mail addresses and phone numbers").choices(['full', 'hospital']).default('full'))
    .option('--serial-number <urn>', 'serial number of the output, urn:uuid:<lower-case UUID> (default: the input’s when it is a UUID URN, in lower case; else derived from the input bytes)')
    .option('--timestamp <iso>', 'timestamp of the output, RFC 3339 with seconds and a zone (default: the input’s, else now)')
    .action(async (file: string, opts: { to: (typeof convertTargets)[number]; out?: string; variant: 'full' | 'hospital'; serialNumber?: string; timestamp?: string }) => {
      checkWriterOptions(opts);
      const { document: doc, bytes } = await loadDocument(io, file, maxBytes());
      // The input's serial number when it is a UUID URN (lower-cased); otherwise (an SPDX namespace
      // URL, `urn:uuid:` with no UUID) one derived from the input, as for a document without one.
      const serial = opts.serialNumber ?? keptSerialNumber(doc.metadata.serialNumber) ?? derivedSerialNumber(bytes);
      const own = doc.metadata.timestamp;
      const timestamp = opts.timestamp ?? (own !== null && isTimestamp(own) ? own : new Date().toISOString());
      output(io, writeSbom(doc, opts.to, { serialNumber: serial, timestamp, variant: opts.variant, tool: { name: 'mamori', version } }), opts.out);
    });

  sbom
    .command('diff <old> <new>')
    .description('The primary component first, then components added, removed, upgraded, downgraded; license, supplier and support changes')
    .addHelpText(
      'after',
      '\nThe primary component (CycloneDX metadata.component, the package an SPDX document describes) is compared on its\n' +
        'own, first, when both SBOMs describe the same product (the same purl without version; without purls, the same\n' +
        'name and group), even when its name changed. When they describe different products it is "replaced": versions\n' +
        'are not compared and both primary components are compared as ordinary components. Components nested in it are\n' +
        'compared like listed ones. --format json has it as `primary`: {change: added|removed|replaced|changed|unchanged,\n' +
        'old, new, versionChange, renamed, fieldChanges}, null when neither SBOM has one.',
    )
    .action(async (oldFile: string, newFile: string) => {
      const a = (await loadDocument(io, oldFile, maxBytes())).document;
      const b = (await loadDocument(io, newFile, maxBytes())).document;
      const diff = diffSbom(a, b);
      if (global().format === 'json') io.stdout(`${JSON.stringify(diff, null, 2)}\n`);
      else io.stdout(renderDiff(diff));
    });

  sbom
    .command('generate <path>')
    .description('Generate a CycloneDX 1.6 SBOM from a lockfile or manifest (or a folder holding them)')
    .option('--out <file>', 'write to a file instead of stdout')
    .addOption(new Option('--to <target>', 'output format').choices(convertTargets).default('cyclonedx-1.6-json'))
    .option('--name <name>', "product name for metadata.component (default: the project the lockfile names; the folder's name when it holds several projects)")
    .option('--serial-number <urn>', 'serial number, urn:uuid:<lower-case UUID> (default: derived from the packages found, so the same input gives the same value)')
    .option('--timestamp <iso>', 'timestamp, RFC 3339 with seconds and a zone (default: now; give one for byte-identical output)')
    .addHelpText(
      'after',
      `\nFiles read: ${supportedLockfileNames.join(', ')}.\n` +
        'Exit codes: 0 written (a valid file without packages gives a warning), 2 no lockfile found, a file of no\n' +
        'supported kind, or a lockfile that cannot be parsed (nothing is written), 3 internal error.',
    )
    .action(async (target: string, opts: { out?: string; to: (typeof convertTargets)[number]; name?: string; serialNumber?: string; timestamp?: string }) => {
      checkWriterOptions(opts);
      const timestamp = opts.timestamp ?? new Date().toISOString();
      const generated = await generateSbomFromPath(path.resolve(io.cwd, target), { timestamp, ...(opts.name === undefined ? {} : { name: opts.name }) });
      if (!generated.ok) throw new CliFailure(generated.error.message, exitCodes.usage);
      const { document: doc, warnings, files } = generated.value;
      for (const w of warnings) io.stderr(`${formatDiagnostic(w)}\n`);
      if (files.length === 0)
        throw new CliFailure(
          warnings.some((w) => w.code === 'lockfile.missing')
            ? `No lockfile found at ${target}: only manifests without their lockfiles (see the warnings above).`
            : `No lockfile or manifest found at ${target}.`,
          exitCodes.usage,
        );
      io.stderr(`${countAll(doc.components)} components from ${files.map((f) => f.name).join(', ')}\n`);
      output(
        io,
        writeSbom(doc, opts.to, {
          // Derived from what was found, so the same lockfiles give the same serial number.
          serialNumber: opts.serialNumber ?? derivedSerialNumber(JSON.stringify(doc.components.map((c) => [c.bomRef, c.version, c.scope]))),
          timestamp,
          tool: { name: 'mamori', version },
        }),
        opts.out,
      );
    });

  talksToServer(sbom.command('upload <file>'))
    .description('Upload an SBOM to a release on the server (--server, --token)')
    .requiredOption('--product <product>', 'product id or name')
    .requiredOption('--release <version>', 'release version')
    .option(
      '--wait',
      'wait until the server has analysed the release (it does so by itself after an upload), then print the findings count (with --format json: `analysis` {state: analysed|no-feeds|not-analysed, seq, findings} in the JSON)',
    )
    .action(async (file: string, opts: { product: string; release: string; wait?: boolean }) => {
      const config = configFrom(io, global());
      const client = apiClient(config, io);
      const bytes = readInput(io, file, config.sbomMaxBytes);
      const product = await resolveProduct(client, opts.product);
      const releases = await client.request<{ items: { id: string; version: string }[] }>('GET', `/products/${product.id}/releases?archived=include&limit=500`);
      const release = releases.items.find((r) => r.version === opts.release);
      if (!release) throw new CliFailure(`${product.name} has no release "${opts.release}". Create it with \`mamori release create\`.`, exitCodes.usage);
      const stored = await client.upload<{ id: string; componentCount: number; sha256: string; warningCount: number }>(
        `/releases/${release.id}/sboms?fileName=${encodeURIComponent(path.basename(file))}`,
        bytes,
      );
      const json = global().format === 'json';
      if (!json) io.stderr(`Uploaded ${path.basename(file)} to ${product.name} ${opts.release}: ${stored.componentCount} components, ${stored.warningCount} warning(s), sha256 ${stored.sha256}\n`);
      if (!opts.wait) {
        if (json) io.stdout(`${JSON.stringify(stored, null, 2)}\n`);
        return;
      }
      const page = await waitForAnalysis(client, io, release);
      // With --format json the analysis is in the one document on stdout, beside the upload.
      const analysis = !page.feeds.available
        ? { state: 'no-feeds' as const, seq: null, findings: null }
        : !page.analysis
          ? { state: 'not-analysed' as const, seq: null, findings: null }
          : { state: 'analysed' as const, seq: page.analysis.seq, findings: page.total };
      if (json) io.stdout(`${JSON.stringify({ ...stored, analysis }, null, 2)}\n`);
      if (analysis.state === 'no-feeds') io.stderr(`No feeds imported yet on the server${page.feeds.path === null ? '' : ` (${page.feeds.path})`}: the release was not analysed.\n`);
      else if (analysis.state === 'not-analysed') io.stderr(`The server does not analyse by itself (autoAnalysis is off): run "mamori findings analyze".\n`);
      else io.stderr(`Analysed at vulnerability database #${analysis.seq}: ${analysis.findings} active finding(s); see "mamori findings list".\n`);
    });
}

/**
 * "N components", counted as the server counts an uploaded SBOM (countInventoryComponents), and said
 * so when the primary component is among them.
 */
function componentsCounted(doc: SbomDocument): string {
  const n = countInventoryComponents(doc);
  return `${components(n)}${doc.metadata.component ? ' (the primary component included, as the server counts them)' : ''}`;
}

function countAll(list: readonly Component[]): number {
  return list.reduce((n, c) => n + 1 + countAll(c.components), 0);
}

/** How many failing components each fix-it item names in the table output (`--format json` has the check's whole list). */
const listedFixComponents = 10;

function components(n: number): string {
  return `${n} component${n === 1 ? '' : 's'}`;
}

/**
 * `inventory`: the components as the server counts them (the primary component included); the
 * component checks cover the listed ones (`report.counts.components`), the primary component is judged
 * by the document checks.
 */
function renderQuality(report: QualityReport, inventory: number): string {
  const counted =
    inventory === report.counts.components
      ? components(inventory)
      : `${components(inventory)}, the primary component included: ${report.counts.components} checked one by one, the primary component by the document checks`;
  const lines = [
    `${report.profile.title.en} — ${report.verdict === 'pass' ? 'PASS' : 'FAIL'}, score ${report.score.overall}/100 ` +
      `(${counted}; ${report.counts.componentsFailing} failing a required check)`,
    '',
    renderTable(
      ['result', 'severity', 'check', 'failing', 'source'],
      report.checks.map((c) => [
        c.status === 'pass' ? 'pass' : c.status === 'fail' ? 'FAIL' : 'n/a',
        c.severity,
        c.title.en,
        c.level === 'component' ? `${c.failed}/${c.evaluated}` : (c.detail ?? ''),
        `${c.source.document.en} — ${c.source.section}`,
      ]),
    ).trimEnd(),
  ];
  if (report.fixes.length > 0) {
    lines.push('', 'Fix first:');
    report.fixes.forEach((f, i) => {
      // A failing check always gains something, but one component of thousands rounds to 0 points:
      // "+0 points" would read as "no use", so that gain is "< 0.1", and a required fix says what it
      // is needed for.
      const gain = f.scoreGain === 0 ? '+< 0.1 points' : `+${f.scoreGain} points`;
      const label = f.severity === 'required' ? `needed to meet the profile; ${gain}` : gain;
      lines.push(`${i + 1}. ${f.fix.en}${f.componentsRepaired !== null ? ` (${components(f.componentsRepaired)})` : ''} [${label}]`);
      // Which components to fix: the first ones in document order, then how many more.
      const check = report.checks.find((c) => c.id === f.checkId);
      if (!check || check.level !== 'component') return;
      const shown = check.failingComponents.slice(0, listedFixComponents);
      for (const c of shown) lines.push(`   - ${c.group ? `${c.group}/` : ''}${c.name}${c.version !== null ? `@${c.version}` : ''}${c.detail !== null ? ` (${c.detail})` : ''}`);
      if (check.failed > shown.length) lines.push(`   … and ${check.failed - shown.length} more`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** The line on the primary component, first: "Primary component: device-x 2.1 → 2.2 (upgraded)", then its field changes. */
function renderPrimary(primary: SbomDiff['primary']): string {
  if (primary === null) return 'Primary component: none in either SBOM\n';
  const name = (r: { group: string | null; name: string }) => `${r.group ? `${r.group}/` : ''}${r.name}`;
  const { old: before, new: after } = primary;
  if (before === null) return `Primary component: added ${name(after!)} ${after!.version ?? '?'} (the old SBOM has none)\n`;
  if (after === null) return `Primary component: removed ${name(before)} ${before.version ?? '?'} (the new SBOM has none)\n`;
  if (primary.change === 'replaced')
    return `Primary component: ${name(before)} ${before.version ?? '?'} → ${name(after)} ${after.version ?? '?'} (replaced: another product, versions not compared; both are compared as components below)\n`;
  const label = primary.versionChange === 'downgraded' ? 'DOWNGRADED' : primary.versionChange === 'unchanged' ? null : primary.versionChange;
  const what = primary.renamed
    ? `${name(before)} ${before.version ?? '?'} → ${name(after)} ${after.version ?? '?'}`
    : label === null
      ? `${name(after)} ${after.version ?? '?'}`
      : `${name(after)} ${before.version ?? '?'} → ${after.version ?? '?'}`;
  const notes = [...(primary.renamed ? ['renamed'] : []), ...(label === null ? [] : [label]), ...(primary.change === 'unchanged' ? ['unchanged'] : [])];
  return (
    `Primary component: ${what}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}\n` +
    primary.fieldChanges.map((f) => `  ${f.field}: ${f.old ?? '-'} → ${f.new ?? '-'}\n`).join('')
  );
}

function renderDiff(diff: SbomDiff): string {
  const ref = (r: { group: string | null; name: string; version: string | null }) => `${r.group ? `${r.group}/` : ''}${r.name}@${r.version ?? '?'}`;
  const rows: string[][] = [
    ...diff.added.map((r) => ['added', ref(r), '']),
    ...diff.removed.map((r) => ['removed', ref(r), '']),
    ...diff.upgraded.map((c) => ['upgraded', `${c.old.name} ${c.old.version ?? '?'} → ${c.new.version ?? '?'}`, c.fieldChanges.map((f) => f.field).join(', ')]),
    ...diff.downgraded.map((c) => ['DOWNGRADED', `${c.old.name} ${c.old.version ?? '?'} → ${c.new.version ?? '?'}`, c.fieldChanges.map((f) => f.field).join(', ')]),
    ...diff.versionChanged.map((c) => ['changed', `${c.old.name} ${c.old.version ?? '?'} → ${c.new.version ?? '?'}`, c.fieldChanges.map((f) => f.field).join(', ')]),
    ...diff.modified.map((c) => ['modified', ref(c.new), c.fieldChanges.map((f) => `${f.field}: ${f.old ?? '-'} → ${f.new ?? '-'}`).join('; ')]),
  ];
  const s = diff.summary;
  return (
    renderPrimary(diff.primary) +
    `${s.oldComponents} → ${s.newComponents} components: ${s.added} added, ${s.removed} removed, ${s.upgraded} upgraded, ` +
    `${s.downgraded} downgraded, ${s.versionChanged} changed, ${s.modified} modified, ${s.unchanged} unchanged\n` +
    (rows.length > 0 ? `\n${renderTable(['change', 'component', 'details'], rows)}` : '')
  );
}
