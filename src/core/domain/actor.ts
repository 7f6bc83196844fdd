import { can, type Permission, permissionDescriptions, type Role } from './role.js';
import { err, ok, type Result } from '../result.js';

/** Who is acting: every service call receives one, and every audit entry names it. */
export interface Actor {
  readonly userId: string | null;
  readonly organizationId: string;
  readonly role: Role;
  /** Shown in the audit log: the user's email, or `system` / `cli:<os user>` for operator actions. */
  readonly name: string;
  /** How the actor authenticated: a browser session, an API token, or the local operator CLI. */
  readonly via: 'session' | 'token' | 'operator' | 'system';
}

/**
 * The server acting on its own (automatic analysis after an upload, re-analysis after a feed import):
 * an editor of the organisation, named `system:<task>` in the audit log.
 */
export function systemActor(organizationId: string, task: string): Actor {
  return { userId: null, organizationId, role: 'editor', name: `system:${task}`, via: 'system' };
}

export function authorize(actor: Actor, permission: Permission): Result<true> {
  if (can(actor.role, permission)) return ok(true);
  return err('auth.forbidden', `The role "${actor.role}" may not ${permissionDescriptions[permission]} (${permission}).`, {
    details: { permission, role: actor.role },
  });
}
