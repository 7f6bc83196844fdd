import { useCallback, useEffect, useRef, useState } from 'react';

/** What the last answer was, and for which key. */
export interface Loaded<T> {
  /** The key the data and the error belong to; null before the first answer. */
  readonly key: string | null;
  /** The request (key, revision and reload count) that answered last. */
  readonly request: string | null;
  readonly data: T | undefined;
  readonly error: unknown;
}

export const notLoaded: Loaded<never> = { key: null, request: null, data: undefined, error: null };

export type Answer<T> = { readonly data: T } | { readonly error: unknown };

/**
 * The state after an answer for `key`. A failure keeps the data only when it is this key's (a
 * failed reload): another key's data is dropped, never shown next to this key's error.
 */
export function answered<T>(s: Loaded<T>, key: string, request: string, answer: Answer<T>): Loaded<T> {
  if ('data' in answer) return { key, request, data: answer.data, error: null };
  return { key, request, data: s.key === key ? s.data : undefined, error: answer.error };
}

/** The state after `mutate(data)` for `key`: the key's data until the next answer. */
export function mutated<T>(s: Loaded<T>, key: string, data: T): Loaded<T> {
  return { key, request: s.request, data, error: s.key === key ? s.error : null };
}

export interface ResourceView<T> {
  /** The current key's data; with `keepPrevious`, the previous key's while this one loads (`stale`). */
  readonly data: T | undefined;
  /** The current key's error only. */
  readonly error: unknown;
  /** The current request has not answered yet. */
  readonly loading: boolean;
  /** `data` is the previous key's, shown while this key loads (only with `keepPrevious`). */
  readonly stale: boolean;
}

/** What the hook returns for a state when the caller now asks for `key` with `request`. */
export function resourceView<T>(
  s: Loaded<T>,
  key: string,
  request: string,
  keepPrevious: boolean,
): ResourceView<T> {
  const current = s.key === key;
  const stale = !current && keepPrevious && s.data !== undefined;
  return {
    data: current || stale ? s.data : undefined,
    error: current ? s.error : null,
    loading: s.request !== request,
    stale,
  };
}

export interface ResourceOptions {
  /**
   * Bump it to load the same key again because its data changed (e.g. the release's SBOM after an
   * upload). Like `reload()`, the key's data stays shown while it reloads, and when the reload fails.
   */
  readonly revision?: string | number;
  /**
   * While another key loads, go on returning the previous key's data (with `stale: true`), so a paged
   * or filtered table does not jump. The caller must show such data as loading (dimmed, aria-busy).
   * It is dropped as soon as the new key fails: an error never stands next to another key's data.
   */
  readonly keepPrevious?: boolean;
}

/**
 * Loads data for a key (e.g. the URL's query) and reloads when the key changes. `data` and `error`
 * always belong to the current key: when the key changes they are cleared until its answer arrives
 * (unless `keepPrevious`), so a page never shows one key's result under another key's heading.
 * A reload of the same key (`reload()`, `revision`) keeps the data while it runs and if it fails.
 */
export function useResource<T>(key: string, load: () => Promise<T>, options: ResourceOptions = {}) {
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<Loaded<T>>(notLoaded);
  const request = JSON.stringify([key, options.revision ?? null, nonce]);

  useEffect(() => {
    let cancelled = false;
    loader.current().then(
      (data) => {
        if (!cancelled) setState((s) => answered(s, key, request, { data }));
      },
      (error: unknown) => {
        if (!cancelled) setState((s) => answered(s, key, request, { error }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [key, request]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  /** Replaces the current key's data (e.g. with what a save returned) until the next answer. */
  const mutate = useCallback((data: T) => setState((s) => mutated(s, key, data)), [key]);
  return { ...resourceView(state, key, request, options.keepPrevious === true), reload, mutate };
}
