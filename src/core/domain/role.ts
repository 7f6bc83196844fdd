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
