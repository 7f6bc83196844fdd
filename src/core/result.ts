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
  readonly message: string;
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
