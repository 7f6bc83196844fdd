import { z } from 'zod';
import { roles } from '../core/domain/role.js';
import { locales, passwordPolicy } from '../core/domain/user.js';
import { Id, IsoDateTime } from './common.js';

export const Role = z.enum(roles).describe('admin: everything; editor: change products; viewer: read only (auditors)');
export const Locale = z.enum(locales);

export const User = z
  .object({
    id: Id,
    organizationId: Id,
    email: z.string(),
    displayName: z.string(),
    role: Role,
    locale: Locale.nullable().describe('Chosen UI language; null follows the browser'),
    mustChangePassword: z.boolean(),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    disabledAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'User' });

export const UserCreate = z.object({
  email: z.string().min(3).max(254),
  displayName: z.string().max(200).default(''),
  role: Role,
  password: z
    .string()
    .min(passwordPolicy.minLength)
    .max(passwordPolicy.maxLength)
    .optional()
    .describe('Omit to generate a one-time password that must be changed at first login'),
  locale: Locale.nullable().optional(),
});

export const UserCreated = z.object({
  user: User,
  oneTimePassword: z.string().nullable().describe('Shown once; null when a password was given'),
});

export const UserPatch = z.object({
  displayName: z.string().max(200).optional(),
  role: Role.optional(),
  disabled: z.boolean().optional(),
});

export const ProfilePatch = z.object({
  displayName: z.string().max(200).optional(),
  locale: Locale.nullable().optional(),
});

export const PasswordChange = z.object({
  currentPassword: z.string().min(1).max(passwordPolicy.maxLength),
  newPassword: z.string().max(passwordPolicy.maxLength),
});

export const PasswordReset = z.object({ user: User, oneTimePassword: z.string() });
