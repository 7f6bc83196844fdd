import { useCallback, useEffect, useRef, useState } from 'react';

interface Loaded<T> {
  readonly key: string;
  readonly data: T | undefined;
  readonly error: unknown;
}

/**
 * Loads data for a key (e.g. the URL's query) and reloads when the key changes. Keeps showing the
 * previous data while the next loads, so tables do not jump during pagination.
 */
export function useResource<T>(key: string, load: () => Promise<T>) {
  const loader = useRef(load);
  useEffect(() => {
    loader.current = load;
  });
  const [nonce, setNonce] = useState(0);
  const [state, setState] = useState<Loaded<T>>({ key: '', data: undefined, error: null });
  const fullKey = `${key}#${nonce}`;

  useEffect(() => {
    let cancelled = false;
    loader.current().then(
      (data) => {
        if (!cancelled) setState({ key: fullKey, data, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState((s) => ({ key: fullKey, data: s.data, error }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fullKey]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  const mutate = useCallback((data: T) => setState((s) => ({ ...s, data })), []);
  return { data: state.data, error: state.error, loading: state.key !== fullKey, reload, mutate };
}
