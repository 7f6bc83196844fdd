/** CycloneDX JSON 1.2–1.7: component limit, official JSON schema, then mapping. */
import type { SbomDiagnostic } from '../../core/sbom/diagnostics.js';
import type { SbomLimits } from '../../core/sbom/diagnostics.js';
import { isCycloneDxJsonVersion, validateCycloneDxJson } from '../validate/cyclonedx-json-schema.js';
import { arr, isRecord, rec, str, type JsonRecord } from './json-access.js';
import { mapCycloneDx, streamCycloneDx } from './map-cyclonedx.js';
import { readFailure, type SbomReadFailure } from './read-failure.js';
import { finish, invalid, SbomRefused, type SbomReadResult, type SbomStreamResult } from './sbom-read-result.js';

interface Prepared {
  readonly specVersion: string;
  readonly what: string;
  readonly schemaCheck: () => SbomReadFailure | null;
}

/** Version and component-limit checks shared by both readers. */
function prepare(bom: JsonRecord, limits: SbomLimits, diagnostics: SbomDiagnostic[]): Prepared | SbomReadFailure {
  const specVersion = str(bom, 'specVersion');
  if (!isCycloneDxJsonVersion(specVersion)) {
    return readFailure(
      'sbom.unsupported',
      `CycloneDX JSON with specVersion ${JSON.stringify(bom.specVersion ?? null)} is not supported (supported: 1.2–1.7)`,
      {
        code: 'format.unsupported_version',
        location: '/specVersion',
        rule: 'CycloneDX specVersion',
        args: { variant: 'cyclonedx', version: JSON.stringify(bom.specVersion ?? null) },
      },
      diagnostics,
    );
  }
  const what = `CycloneDX ${specVersion} JSON`;
  const count = countJsonComponents(bom, limits.maxComponents);
  if (count > limits.maxComponents) {
    return readFailure(
      'sbom.too_many_components',
      `${what} has more than ${limits.maxComponents} components`,
      { code: 'components.limit', location: '/components', rule: `mamori limit maxComponents = ${limits.maxComponents}`, args: { limit: limits.maxComponents } },
      diagnostics,
    );
  }
  const schemaCheck = (): SbomReadFailure | null => {
    const schemaErrors = validateCycloneDxJson(bom, specVersion);
    return schemaErrors.length > 0 ? invalid(what, [...diagnostics, ...schemaErrors]) : null;
  };
  return { specVersion, what, schemaCheck };
}

/** Official JSON schema first, then mapping. */
export function readCycloneDxJson(bom: JsonRecord, limits: SbomLimits, diagnostics: SbomDiagnostic[]): SbomReadResult {
  const prepared = prepare(bom, limits, diagnostics);
  if ('ok' in prepared) return prepared;
  const failure = prepared.schemaCheck();
  if (failure) return failure;
  const mapped = mapCycloneDx(bom, prepared.specVersion, 'json', (_node, pointer) => pointer);
  return finish(mapped.document, [...diagnostics, ...mapped.diagnostics], prepared.what);
}

/**
 * readCycloneDxJson as a stream (SbomStream): the components are mapped as the caller reads them,
 * and the official schema check runs in `finish()`, after the last one, so an upload runs both while
 * the database stores the rows (ADR 0007 addenda 2, 3 and 5). The outcome is the same as
 * readCycloneDxJson's:
 * - errors found before any component is mapped (duplicate bom-refs) refuse the document at once,
 *   after the schema check, whose errors are reported first (as readCycloneDxJson does);
 * - the mapper failing on a document (only one the schema refuses can upset it) refuses it with the
 *   schema's failure;
 * - the schema check or an error diagnostic found while mapping refuses it in `finish()`, which
 *   throws SbomRefused.
 */
export function streamCycloneDxJson(bom: JsonRecord, limits: SbomLimits, diagnostics: SbomDiagnostic[]): SbomStreamResult {
  const prepared = prepare(bom, limits, diagnostics);
  if ('ok' in prepared) return prepared;
  const { specVersion, what, schemaCheck } = prepared;
  const all = [...diagnostics];
  const hasErrors = () => all.some((d) => d.severity === 'error');
  const refusedByMapper = (e: unknown): SbomReadFailure => {
    const failure = schemaCheck();
    if (failure) return failure;
    throw e;
  };
  let mapped: ReturnType<typeof streamCycloneDx>;
  try {
    mapped = streamCycloneDx(bom, specVersion, 'json', (_node, pointer) => pointer, all);
    if (hasErrors()) {
      // Refused whatever follows: map the rest for the complete diagnostics, as readCycloneDxJson reports them.
      for (const _ of mapped.components());
      mapped.dependencies();
      return schemaCheck() ?? invalid(what, all);
    }
  } catch (e) {
    return refusedByMapper(e);
  }
  let dependencies: ReturnType<typeof mapped.dependencies> | null = null;
  return {
    ok: true,
    stream: {
      head: mapped.head,
      diagnostics: all,
      *components() {
        try {
          yield* mapped.components();
          dependencies = mapped.dependencies();
        } catch (e) {
          throw new SbomRefused(refusedByMapper(e));
        }
      },
      dependencies() {
        if (dependencies === null) throw new Error('streamCycloneDxJson: dependencies() needs components() first');
        return dependencies;
      },
      finish() {
        if (dependencies === null) throw new Error('streamCycloneDxJson: finish() needs components() first');
        const failure = schemaCheck() ?? (hasErrors() ? invalid(what, all) : null);
        if (failure) throw new SbomRefused(failure);
      },
    },
  };
}

/** Components in `components` trees (nested included, metadata.component too); stops past the limit. Depth is already bounded. */
function countJsonComponents(bom: JsonRecord, max: number): number {
  let n = 0;
  const stack: unknown[] = [...arr(bom, 'components')];
  const mc = rec(rec(bom, 'metadata'), 'component');
  if (mc) stack.push(...arr(mc, 'components'));
  while (stack.length > 0 && n <= max) {
    const c = stack.pop();
    n += 1;
    if (isRecord(c)) {
      const nested = arr(c, 'components');
      for (let i = 0; i < nested.length; i++) stack.push(nested[i]);
    }
  }
  return n;
}
