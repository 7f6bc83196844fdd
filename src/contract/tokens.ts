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

export const OwnedApiToken = ApiToken.extend({
  userEmail: z.string().describe("The owner's email address"),
  userDisplayName: z.string().describe("The owner's display name"),
})
  .describe('An API token with its owner, as admins see it (never the secret)')
  .meta({ id: 'OwnedApiToken' });

export const OrganizationTokenList = z.object({ items: z.array(OwnedApiToken) });

export const OrganizationTokenQuery = z.object({
  userId: Id.optional().describe("Only this user's tokens"),
});
