import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../api/client.js';
import type { ComponentQueryT, ComponentT, SbomSummaryT } from '../../api/types.js';

export const componentPageSize = 250;

interface Loaded {
  readonly key: string;
  readonly total: number;
  readonly sbom: SbomSummaryT | null;
  readonly pages: ReadonlyMap<number, readonly ComponentT[]>;
}

/**
 * The component list of a release, loaded a page (250 rows) at a time as the table needs it:
 * sorting, filtering and search run on the server. While a new query loads, the previous result
 * stays on screen (marked busy).
 */
export function useComponentPages(
  releaseId: string,
  query: Omit<ComponentQueryT, 'limit' | 'offset'>,
  nonce: number,
) {
  const key = JSON.stringify([releaseId, query, nonce]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(new Set<string>());
  const currentKey = useRef(key);
  const queryRef = useRef(query);
  useEffect(() => {
    currentKey.current = key;
    queryRef.current = query;
  });

  const fetchPage = useCallback(
    (forKey: string, page: number) => {
      const id = `${forKey}#${page}`;
      if (inFlight.current.has(id)) return;
      inFlight.current.add(id);
      api
        .listComponents(releaseId, {
          ...queryRef.current,
          limit: componentPageSize,
          offset: page * componentPageSize,
        })
        .then(
          (result) => {
            inFlight.current.delete(id);
            if (currentKey.current !== forKey) return;
            setError(null);
            setLoaded((prev) => {
              const pages = new Map(prev && prev.key === forKey ? prev.pages : []);
              pages.set(page, result.items);
              return { key: forKey, total: result.total, sbom: result.sbom, pages };
            });
          },
          (err: unknown) => {
            inFlight.current.delete(id);
            if (currentKey.current === forKey) setError(err);
          },
        );
    },
    [releaseId],
  );

  useEffect(() => {
    fetchPage(key, 0);
  }, [key, fetchPage]);

  const current = loaded && loaded.key === key ? loaded : null;

  /** Asks for the pages that cover rows first..last (called by the grid as it scrolls). */
  const ensure = useCallback(
    (first: number, last: number) => {
      if (!current) return;
      for (let p = Math.floor(first / componentPageSize); p <= Math.floor(last / componentPageSize); p++)
        if (!current.pages.has(p)) fetchPage(key, p);
    },
    [current, fetchPage, key],
  );

  const row = useCallback(
    (index: number): ComponentT | undefined =>
      loaded?.pages.get(Math.floor(index / componentPageSize))?.[index % componentPageSize],
    [loaded],
  );

  /** Replaces one component in place after an edit. */
  const replace = useCallback((component: ComponentT) => {
    setLoaded((prev) =>
      prev
        ? {
            ...prev,
            pages: new Map(
              [...prev.pages].map(([p, items]) => [
                p,
                items.map((c) => (c.id === component.id ? component : c)),
              ]),
            ),
          }
        : prev,
    );
  }, []);

  return {
    total: loaded?.total ?? null,
    sbom: loaded?.sbom ?? null,
    /** The shown rows belong to an older query; the new one is loading. */
    stale: loaded !== null && current === null,
    initialLoading: loaded === null && !error,
    error,
    row,
    ensure,
    replace,
  };
}
