/** CycloneDX XML versions mamori validates (cyclonedx-xsd.ts), apart from it so readers can ask without loading libxml2. */
export const cycloneDxXmlVersions = ['1.2', '1.3', '1.4', '1.5', '1.6', '1.7'] as const;
export type CycloneDxXmlVersion = (typeof cycloneDxXmlVersions)[number];
