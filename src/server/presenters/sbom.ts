import type { z } from 'zod';
import type { ComponentView, SbomDetail, SbomSummary, SupportTable } from '../../contract/sboms.js';
import { levelLabel } from '../../reports/support/labels.js';
import type { SupportReportData } from '../../reports/support/model.js';
import type { SbomRecord, StoredComponent } from '../../services/sboms.js';
import { licenseSummary } from '../../store/repositories/sboms.js';

export function presentSbom(r: SbomRecord): z.infer<typeof SbomSummary> {
  return {
    id: r.id,
    releaseId: r.releaseId,
    format: r.format,
    specVersion: r.specVersion,
    encoding: r.encoding,
    fileName: r.fileName,
    sha256: r.sha256,
    sizeBytes: r.sizeBytes,
    source: r.source,
    serialNumber: r.serialNumber,
    bomVersion: r.bomVersion,
    documentTimestamp: r.documentTimestamp,
    componentCount: r.componentCount,
    dependencyCount: r.dependencyCount,
    warningCount: r.diagnostics.filter((d) => d.severity === 'warning').length,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
  };
}

export function presentSbomDetail(r: SbomRecord): z.infer<typeof SbomDetail> {
  return { ...presentSbom(r), metadata: { ...r.metadata }, diagnostics: [...r.diagnostics] };
}

export function presentComponent(s: StoredComponent): z.infer<typeof ComponentView> {
  const c = s.component;
  return {
    id: s.id,
    origin: s.origin,
    primary: s.primary,
    parentId: s.parentId,
    bomRef: c.bomRef,
    type: c.type,
    name: c.name,
    version: c.version,
    group: c.group,
    supplier: c.supplier?.name ?? null,
    purl: c.purl,
    cpe: c.cpe,
    license: licenseSummary(c),
    hashes: c.hashes.map((h) => ({ alg: h.alg, content: h.content })),
    description: c.description,
    supportLevel: c.supportLevel,
    endOfSupport: c.endOfSupport,
    updatedAt: s.updatedAt,
  };
}

/** The FDA support table as the API answers it: the data of the documents, each level also in words. */
export function presentSupport(d: SupportReportData): z.infer<typeof SupportTable> {
  return {
    release: d.release,
    product: { ...d.product, modelNumbers: [...d.product.modelNumbers] },
    sbom: d.sbom,
    asOf: d.table.asOf,
    generatedAt: d.generatedAt,
    rows: d.table.rows.map((r) => ({
      name: r.name,
      group: r.group,
      version: r.version,
      supplier: r.supplier,
      purl: r.purl,
      cpe: r.cpe,
      supportLevel: r.supportLevel,
      knownLevel: r.knownLevel,
      supportLevelText: { en: levelLabel(r.supportLevel, 'en'), ja: levelLabel(r.supportLevel, 'ja') },
      endOfSupport: r.endOfSupport,
      status: r.status,
      origin: r.origin,
    })),
    summary: {
      ...d.table.summary,
      byLevel: d.table.summary.byLevel.map((l) => ({ ...l })),
      byStatus: { ...d.table.summary.byStatus },
    },
  };
}
