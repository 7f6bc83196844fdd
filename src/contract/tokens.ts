import { z } from 'zod';
import { Id, IsoDateTime } from './common.js';

export const ApiToken = z
  .object({
    id: Id,
    userId: Id,
    name: z.string(),
    prefix: z.string().describe('First characters of the token, to recognise it'),
    createdAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    expiresAt: IsoDateTime.nullable(),
    revokedAt: IsoDateTime.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const TokenCreate = z.object({
  name: z.string().min(1).max(100),
  expiresAt: IsoDateTime.nullable().default(null),
});

export const TokenCreated = z.object({
  token: ApiToken,
  secret: z.string().describe('The token itself. Shown once: store it now.'),
});

export const TokenList = z.object({ items: z.array(ApiToken) });
