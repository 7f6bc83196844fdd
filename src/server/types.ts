import type { Actor } from '../core/domain/actor.js';
import type { Permission } from '../core/domain/role.js';
import type { User } from '../core/domain/user.js';

/** Who made the request, set by the auth plugin before any handler runs. */
export interface RequestAuth {
  readonly actor: Actor;
  readonly user: User;
  readonly via: 'session' | 'token';
  readonly csrfToken: string | null;
  readonly sessionIdHash: string | null;
  readonly expiresAt: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in (health, login, static assets). */
    public?: boolean;
    /** Reachable while the user still has to replace a one-time password. */
    allowPendingPasswordChange?: boolean;
    /**
     * Why the route takes input it does not read (Dependency-Track compatibility). Without it, a route
     * that declares no query string or body schema refuses query parameters and JSON fields
     * (plugins/strict-input.ts); declared schemas are strict unless they say otherwise (z.looseObject).
     */
    lenientInput?: string;
    /**
     * What a state-changing route needs: the permission its use case checks, or null when every
     * signed-in user may call it (their own account, logging out, a check that saves nothing). The
     * auth plugin refuses a role without it (403 auth.forbidden) before the body is read or
     * validated, so a read-only account learns nothing about request schemas. Every POST, PUT, PATCH
     * and DELETE route under /api that is not public must say (buildApp refuses to start otherwise).
     */
    permission?: Permission | null;
  }
}
