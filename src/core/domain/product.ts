/**
 * A product is a medical device or a piece of software as a medical device (SaMD) that the
 * organisation places on the market. Field names follow the MHLW / PMDA vocabulary where one exists.
 */
import type { Issue } from '../result.js';

/** Japanese device classification (PMD Act): I general, II controlled, III and IV specially controlled. */
export const deviceClasses = ['I', 'II', 'III', 'IV'] as const;
export type DeviceClass = (typeof deviceClasses)[number];

/** Where the device is intended to be used. */
export const useEnvironments = ['hospital', 'clinic', 'home', 'ambulatory', 'laboratory', 'other'] as const;
export type UseEnvironment = (typeof useEnvironments)[number];

/** How the device can connect to other devices or networks (Essential Principles Art. 12(3) scope). */
export const connectivityKinds = [
  'none',
  'wired_lan',
  'wireless_lan',
  'bluetooth',
  'cellular',
  'usb',
  'serial',
  'removable_media',
  'internet_cloud',
  'other',
] as const;
export type Connectivity = (typeof connectivityKinds)[number];

export interface Product {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  /** Model and catalogue numbers, in the order the manufacturer lists them. */
  readonly modelNumbers: readonly string[];
  readonly manufacturer: string;
  readonly deviceClass: DeviceClass | null;
  readonly isSamd: boolean;
  readonly useEnvironments: readonly UseEnvironment[];
  readonly connectivity: readonly Connectivity[];
  readonly description: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly archivedAt: string | null;
}

export interface ProductInput {
  readonly name: string;
  readonly modelNumbers: readonly string[];
  readonly manufacturer: string;
  readonly deviceClass: DeviceClass | null;
  readonly isSamd: boolean;
  readonly useEnvironments: readonly UseEnvironment[];
  readonly connectivity: readonly Connectivity[];
  readonly description: string;
}

export const productLimits = { name: 200, manufacturer: 200, modelNumber: 100, modelNumbers: 50, description: 5000 };

/** Rules a product must satisfy beyond its shape (the contract checks the shape). */
export function productIssues(input: ProductInput): Issue[] {
  const issues: Issue[] = [];
  if (input.name.trim() === '') issues.push({ path: 'name', message: 'Name must not be empty.' });
  if (input.manufacturer.trim() === '')
    issues.push({ path: 'manufacturer', message: 'Manufacturer must not be empty.' });
  const seen = new Set<string>();
  input.modelNumbers.forEach((m, i) => {
    if (m.trim() === '') issues.push({ path: `modelNumbers.${i}`, message: 'Model number must not be empty.' });
    if (seen.has(m)) issues.push({ path: `modelNumbers.${i}`, message: `Model number "${m}" is listed twice.` });
    seen.add(m);
  });
  if (input.connectivity.includes('none') && input.connectivity.length > 1)
    issues.push({
      path: 'connectivity',
      message: '"none" cannot be combined with other kinds of connectivity.',
    });
  return issues;
}

/** Trim text fields so that "  X-100 " and "X-100" are one model number. */
export function normalizeProductInput(input: ProductInput): ProductInput {
  return {
    ...input,
    name: input.name.trim(),
    manufacturer: input.manufacturer.trim(),
    description: input.description.trim(),
    modelNumbers: input.modelNumbers.map((m) => m.trim()),
    useEnvironments: [...new Set(input.useEnvironments)],
    connectivity: [...new Set(input.connectivity)],
  };
}
