/**
 * Refused attempts in the audit log (ADR 0005, addendum): every answer `403 auth.forbidden` to a
 * signed-in user (their role lacks the permission, whether the auth plugin or a use case said so)
 * becomes an `auth.forbidden` entry naming the route, its parameters and the missing permission.
 * The same refusal (user, method, route, parameters) repeated within a minute is recorded once, so a
 * script retrying in a loop does not flood the log. Other 403s (CSRF, one-time password) are not
 * attempts to use a permission and are not recorded.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isPermission, type Permission } from '../../core/domain/role.js';
import type { ServiceContext } from '../../services/context.js';
import { recordRefusal } from '../../services/record-access.js';

/** A repeated refusal within this time is not recorded again. */
export const refusalRepeatMs = 60_000;

function refusedPermission(payload: unknown): { refused: boolean; permission: Permission | null } {
  if (typeof payload !== 'string') return { refused: false, permission: null };
  try {
    const body = JSON.parse(payload) as { code?: unknown; details?: { permission?: unknown } };
    if (body.code !== 'auth.forbidden') return { refused: false, permission: null };
    const permission = body.details?.permission;
    return { refused: true, permission: isPermission(permission) ? permission : null };
  } catch {
    return { refused: false, permission: null };
  }
}

/** The product or release a route is about, when its path says (for the audit log's subject column). */
function subjectOf(route: string, params: Readonly<Record<string, string>>) {
  const id = params.id ?? null;
  if (route.startsWith('/api/v1/products/:id')) return { productId: id };
  if (route.startsWith('/api/v1/releases/:id')) return { releaseId: id };
  if (route.startsWith('/api/v1/compliance/:scope') && params.scope !== 'org')
    return { productId: params.scope ?? null };
  return {};
}

export function registerRefusalAudit(app: FastifyInstance, ctx: ServiceContext): void {
  /** Refusal key → when it was last recorded (ms). */
  const recent = new Map<string, number>();
  const seenRecently = (key: string, now: number): boolean => {
    if (recent.size > 10_000) for (const [k, at] of recent) if (now - at >= refusalRepeatMs) recent.delete(k);
    const at = recent.get(key);
    if (at !== undefined && now - at < refusalRepeatMs) return true;
    recent.set(key, now);
    return false;
  };

  app.addHook('onSend', async (request: FastifyRequest, reply, payload) => {
    if (reply.statusCode !== 403 || !request.auth) return payload;
    const { refused, permission } = refusedPermission(payload);
    if (!refused) return payload;
    const actor = request.auth.actor;
    const route = request.routeOptions.url ?? request.url.split('?')[0]!;
    const params = { ...((request.params ?? {}) as Record<string, string>) };
    const key = JSON.stringify([actor.userId ?? actor.name, request.method, route, params]);
    if (seenRecently(key, ctx.clock().getTime())) return payload;
    try {
      await recordRefusal(ctx, actor, {
        method: request.method,
        route,
        path: request.url.split('?')[0]!,
        params,
        permission,
        ...subjectOf(route, params),
      });
    } catch (e) {
      // The refusal stands either way; a log that cannot be written is the operator's to see.
      recent.delete(key);
      request.log.error({ err: e }, 'could not record a refused request in the audit log');
    }
    return payload;
  });
}
