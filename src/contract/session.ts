import { z } from 'zod';
import { IsoDateTime } from './common.js';
import { Organization } from './organizations.js';
import { User } from './users.js';

export const LoginRequest = z.object({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});

export const Session = z
  .object({
    user: User,
    organization: Organization,
    csrfToken: z
      .string()
      .nullable()
      .describe('Send as X-CSRF-Token on every state-changing request made with the session cookie'),
    expiresAt: IsoDateTime.nullable(),
    via: z.enum(['session', 'token']),
  })
  .meta({ id: 'Session' });

export const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['sqlite', 'postgres']),
});
