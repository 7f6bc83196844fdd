/**
 * A document that passes every quality profile, for tests and documentation. Every field any
 * profile asks for is filled; tests remove one field at a time to prove each check can fail.
 */
import { component, type Component, type SbomDocument } from '../model.js';

const sha512 = 'a'.repeat(128);

export function compliantComponent(
  bomRef: string,
  name: string,
  version: string,
  extra: Partial<Component> = {},
): Component {
  return component({
    bomRef,
    name,
    version,
    type: 'library',
    supplier: {
      name: 'Example Supplier',
      url: ['https://supplier.example'],
      contact: [{ name: null, email: 'security@supplier.example', phone: null }],
    },
    author: 'Example Author <dev@supplier.example>',
    purl: `pkg:npm/${name}@${version}`,
    hashes: [{ alg: 'SHA-512', content: sha512 }],
    licenses: [
      { expression: 'MIT', name: null, acknowledgement: 'concluded' },
      { expression: 'MIT', name: null, acknowledgement: 'declared' },
    ],
    externalReferences: [
      { type: 'vcs', url: `https://git.example/${name}`, comment: null, hashes: [] },
      {
        type: 'distribution',
        url: `https://registry.example/${name}-${version}.tgz`,
        comment: null,
        hashes: [],
      },
    ],
    properties: [
      { name: 'bsi:component:executable', value: 'non-executable' },
      { name: 'bsi:component:archive', value: 'archive' },
      { name: 'bsi:component:structured', value: 'structured' },
      { name: 'bsi:component:filename', value: `${name}-${version}.tgz` },
    ],
    supportLevel: 'actively maintained',
    endOfSupport: '2030-12-31',
    ...extra,
  });
}

export function compliantDocument(components?: readonly Component[]): SbomDocument {
  const list = components ?? [
    compliantComponent('c1', 'alpha', '1.0.0'),
    compliantComponent('c2', 'beta', '2.1.0'),
  ];
  const primary = component({
    bomRef: 'product',
    name: 'Infusion Pump Software',
    version: '3.2.0',
    type: 'application',
  });
  return {
    format: 'cyclonedx',
    specVersion: '1.6',
    encoding: 'json',
    metadata: {
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      version: 1,
      timestamp: '2026-04-01T09:30:00Z',
      name: primary.name,
      authors: [{ name: 'Product Security Team', email: 'psirt@maker.example', phone: null }],
      supplier: { name: 'Example Medical KK', url: ['https://maker.example'], contact: [] },
      tools: [{ vendor: 'mamori', name: 'mamori', version: '0.1.0' }],
      lifecycles: ['build'],
      component: primary,
      licenses: [],
      properties: [],
      externalReferences: [],
    },
    components: list,
    dependencies: [
      { ref: 'product', dependsOn: list.map((c) => c.bomRef) },
      ...list.map((c) => ({ ref: c.bomRef, dependsOn: [] })),
    ],
  };
}

/** The context under which the compliant document passes the context-dependent checks. */
export const compliantContext = {
  vulnerabilityAssessmentLinked: true,
  authorSignaturePresent: true,
} as const;
