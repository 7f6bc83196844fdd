import { isRole, type Role } from '../../core/domain/role.js';
import { locales, type Locale, type User } from '../../core/domain/user.js';
import type { Page, PageRequest } from '../../core/page.js';
import type { Db, UsersTable } from '../database.js';
import { paginate } from './page.js';

export function toUser(row: UsersTable): User {
  if (!isRole(row.role)) throw new Error(`Corrupt role "${row.role}" for user ${row.id}`);
  return {
    id: row.id,
    organizationId: row.organization_id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    locale: (locales as readonly string[]).includes(row.locale ?? '') ? (row.locale as Locale) : null,
    mustChangePassword: row.must_change_password === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    disabledAt: row.disabled_at,
  };
}

export async function insertUser(db: Db, user: User, passwordHash: string): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      organization_id: user.organizationId,
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      locale: user.locale,
      password_hash: passwordHash,
      must_change_password: user.mustChangePassword ? 1 : 0,
      created_at: user.createdAt,
      updated_at: user.updatedAt,
      disabled_at: user.disabledAt,
    })
    .execute();
}

/** Within one organisation only: the tenant boundary is part of every lookup. */
export async function findUser(db: Db, organizationId: string, id: string): Promise<User | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toUser(row);
}

/** For login and operator commands, which start from an email address (unique across tenants). */
export async function findUserByEmail(
  db: Db,
  email: string,
): Promise<{ user: User; passwordHash: string } | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function findPasswordHash(db: Db, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  return row?.password_hash;
}

export function listUsers(db: Db, organizationId: string, page: PageRequest): Promise<Page<User>> {
  return paginate(
    db.selectFrom('users').selectAll().where('organization_id', '=', organizationId),
    page,
    (q) => q.orderBy('email'),
    toUser,
  );
}

export async function updateUser(db: Db, user: User): Promise<void> {
  await db
    .updateTable('users')
    .set({
      display_name: user.displayName,
      role: user.role,
      locale: user.locale,
      must_change_password: user.mustChangePassword ? 1 : 0,
      updated_at: user.updatedAt,
      disabled_at: user.disabledAt,
    })
    .where('id', '=', user.id)
    .where('organization_id', '=', user.organizationId)
    .execute();
}

export async function setPasswordHash(db: Db, userId: string, hash: string, mustChange: boolean, at: string) {
  await db
    .updateTable('users')
    .set({ password_hash: hash, must_change_password: mustChange ? 1 : 0, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

export async function countActiveAdmins(db: Db, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'admin' satisfies Role)
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
