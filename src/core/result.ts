/**
 * Expected failures are values, not exceptions (DESIGN.md). Every error carries a stable `code`
 * that clients and scripts can rely on; `message` is for humans (English; UIs translate by code).
 */
import type { ErrorCode } from './errors.js';

export interface AppError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Field-level problems, e.g. `[{ path: 'version', message: 'must not be empty' }]`. */
  readonly issues?: readonly Issue[];
  /** Extra machine-readable facts (the id that was not found, the conflicting value ...). */
  readonly details?: Readonly<Record<string, unknown>>;
  /**
   * The same failure told without the server's file system paths that `message` or `details` name
   * (the vulnerability database file, the Chromium executable): what the API tells every role other
   * than admin (server/problem.ts). Absent when the error names no such path.
   */
  readonly withoutServerPaths?: ServerPathsLeftOut;
}

/** `message` and `details` of an error with the server's paths left out (`AppError.withoutServerPaths`). */
export interface ServerPathsLeftOut {
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface Issue {
  readonly path: string;
  /** English, for scripts and logs; screens say it in their language by `code` where there is one. */
  readonly message: string;
  /**
   * A stable code for the kind of problem (e.g. `purl.escape`, `cpe.field_count`), so that a screen
   * can say it in its own language; absent where no screen translates the issue.
   */
  readonly code?: string;
  /** The values `message` was built from (`{ found: 4 }`); `variant` picks one wording of a code. */
  readonly args?: Readonly<Record<string, string | number>>;
}

export type Result<T, E = AppError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function err(
  code: ErrorCode,
  message: string,
  extra: { issues?: readonly Issue[]; details?: Record<string, unknown>; withoutServerPaths?: ServerPathsLeftOut } = {},
): Result<never> {
  return { ok: false, error: { code, message, ...extra } };
}

export function mapResult<T, U>(result: Result<T>, fn: (value: T) => U): Result<U> {
  return result.ok ? { ok: true, value: fn(result.value) } : result;
}
