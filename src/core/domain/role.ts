/**
 * Roles inside one organisation. `viewer` is what an auditor or an inspector gets: they read
 * everything in their organisation and change nothing.
 */
export const roles = ['admin', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'organization.read',
  'organization.write',
  'user.read',
  'user.write',
  'product.read',
  'product.write',
  'audit.read',
] as const;
export type Permission = (typeof permissions)[number];

/**
 * What each permission lets a role do, as the words after "may not" in a refusal
 * (`The role "viewer" may not change products and their records (product.write).`).
 * product.write covers everything recorded under a product: releases, SBOMs and components,
 * analyses and triage, threat models, compliance evidence and organisation records.
 */
export const permissionDescriptions: Readonly<Record<Permission, string>> = {
  'organization.read': 'view the organisation',
  'organization.write': "change the organisation's settings",
  'user.read': 'view the users',
  'user.write': 'manage users',
  'product.read': 'view products and their records',
  'product.write': 'change products and their records',
  'audit.read': 'read the audit log',
};

const grants: Record<Role, readonly Permission[]> = {
  admin: permissions,
  editor: ['organization.read', 'user.read', 'product.read', 'product.write', 'audit.read'],
  viewer: ['organization.read', 'user.read', 'product.read', 'audit.read'],
};

export function can(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (permissions as readonly string[]).includes(value);
}
