import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { entryNumber } from '../../../../src/core/compliance/catalog.js';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert, Loading } from '../../components/ErrorAlert.js';
import { useResource } from '../../useResource.js';
import { gapText } from './gap-text.js';
import { complianceApi, type CatalogEntriesT, type GapRowT, type StatusT } from './api.js';

const tone: Record<StatusT | 'none', 'gray' | 'blue' | 'green' | 'amber' | 'neutral'> = {
  none: 'gray',
  not_started: 'amber',
  in_progress: 'blue',
  implemented: 'green',
  verified: 'green',
  not_applicable: 'neutral',
};

export interface TreeNode {
  readonly key: string;
  /** The gap row of a work item; for a heading, a row made from the catalog entry with the aggregated status. */
  readonly row: GapRowT;
  readonly children: readonly TreeNode[];
  readonly level: number;
  /** Over the applicable, normative work items (the rows of the gap analysis) in this subtree. */
  readonly leaves: { readonly applicable: number; readonly done: number };
  /** Evidence counted on the work items of this subtree. */
  readonly evidenceBelow: number;
}

type Entry = CatalogEntriesT['entries'][number];
const order: readonly GapRowT['status'][] = [null, 'not_started', 'in_progress', 'implemented', 'verified'];
const isDone = (s: GapRowT['status']) => s === 'implemented' || s === 'verified';

/**
 * The catalog as a tree (parents from the catalog data, in catalog order). The gap analysis has a
 * row for every work item (an entry without children); a heading gets the lowest status of the
 * applicable work items below it (not applicable when all are), like the engine's roll-up.
 * Subtrees without any row (e.g. product-only entries in the organisation's view) are left out.
 */
export function buildTree(entries: readonly Entry[], rows: readonly GapRowT[]): TreeNode[] {
  const rowOf = new Map(rows.map((r) => [r.entry.id, r]));
  const catalog = rows[0]?.catalog ?? '';
  const ids = new Set(entries.map((e) => e.id));
  const kids = new Map<string | null, Entry[]>();
  for (const e of entries) {
    const parent = e.parent !== null && ids.has(e.parent) ? e.parent : null;
    const list = kids.get(parent) ?? [];
    list.push(e);
    kids.set(parent, list);
  }
  const make = (e: Entry, level: number): TreeNode | null => {
    const children = (kids.get(e.id) ?? [])
      .map((c) => make(c, level + 1))
      .filter((n): n is TreeNode => n !== null);
    const own = rowOf.get(e.id);
    if (own && children.length === 0) {
      const applicable = own.entry.normative && own.status !== 'not_applicable' ? 1 : 0;
      return {
        key: `${own.catalog}#${e.id}`,
        row: own,
        children,
        level,
        leaves: { applicable, done: applicable && isDone(own.status) ? 1 : 0 },
        evidenceBelow: own.evidenceCount,
      };
    }
    if (children.length === 0) return null;
    const applicable = children.reduce((n, c) => n + c.leaves.applicable, 0);
    const done = children.reduce((n, c) => n + c.leaves.done, 0);
    const evidenceBelow = children.reduce((n, c) => n + c.evidenceBelow, own?.evidenceCount ?? 0);
    const statuses: GapRowT['status'][] = [];
    const collect = (n: TreeNode) =>
      n.children.length === 0 ? statuses.push(n.row.status) : n.children.forEach(collect);
    children.forEach(collect);
    const live = statuses.filter((s) => s !== 'not_applicable');
    const status =
      live.length === 0
        ? 'not_applicable'
        : live.reduce((lo, s) => (order.indexOf(s) < order.indexOf(lo) ? s : lo), live[0]!);
    const row: GapRowT = own ?? {
      catalog,
      entry: e,
      scope: e.level === 'organization' ? 'organization' : 'product',
      status,
      source: { type: 'rollup' },
      owner: '',
      dueDate: null,
      justification: '',
      justificationText: { ja: '', en: '' },
      evidenceCount: 0,
      releasesWithoutSbom: [],
      gaps: [],
    };
    return {
      key: `${catalog}#${e.id}`,
      row: { ...row, status },
      children,
      level,
      leaves: { applicable, done },
      evidenceBelow,
    };
  };
  return (kids.get(null) ?? []).map((e) => make(e, 1)).filter((n): n is TreeNode => n !== null);
}

function visible(
  nodes: readonly TreeNode[],
  expanded: ReadonlySet<string>,
  out: TreeNode[] = [],
): TreeNode[] {
  for (const n of nodes) {
    out.push(n);
    if (n.children.length > 0 && expanded.has(n.key)) visible(n.children, expanded, out);
  }
  return out;
}

function allParents(nodes: readonly TreeNode[], out: string[] = []): string[] {
  for (const n of nodes)
    if (n.children.length > 0) {
      out.push(n.key);
      allParents(n.children, out);
    }
  return out;
}

/**
 * The catalog as a tree (WAI-ARIA tree pattern): one tab stop; ↑/↓ move, → opens a clause or moves
 * to its first child, ← closes it or moves to the parent, Home/End jump, Enter or Space selects the
 * entry and opens its evidence. Every node shows its status and evidence; clauses with children also
 * show how many of the work items below them are done.
 */
export function ClauseTree({
  catalog,
  rows,
  label,
  lang,
  selectedKey,
  onOpen,
}: {
  catalog: string;
  rows: readonly GapRowT[];
  label: string;
  lang: 'ja' | 'en';
  selectedKey: string | null;
  onOpen: (row: GapRowT) => void;
}) {
  const { t } = useTranslation();
  const loaded = useResource(`compliance-catalog-entries:${catalog}`, () =>
    complianceApi.catalogEntries(catalog),
  );
  const entries = loaded.data?.catalog === catalog ? loaded.data.entries : null;
  const roots = useMemo(() => (entries ? buildTree(entries, rows) : []), [entries, rows]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  const shown = visible(roots, expanded);
  const parentOf = useMemo(() => {
    const m = new Map<string, string>();
    const walk = (ns: readonly TreeNode[]) => {
      for (const n of ns) {
        for (const c of n.children) m.set(c.key, n.key);
        walk(n.children);
      }
    };
    walk(roots);
    return m;
  }, [roots]);
  const current =
    shown.find((n) => n.key === focusKey)?.key ??
    shown.find((n) => n.key === selectedKey)?.key ??
    shown[0]?.key ??
    null;

  const focus = (key: string | undefined) => {
    if (!key) return;
    setFocusKey(key);
    items.current.get(key)?.focus();
  };
  const toggle = (key: string, open: boolean) =>
    setExpanded((cur) => {
      const next = new Set(cur);
      if (open) next.add(key);
      else next.delete(key);
      return next;
    });

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const i = shown.findIndex((n) => n.key === current);
    const node = shown[i];
    if (!node) return;
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focus(shown[i + 1]?.key);
        break;
      case 'ArrowUp':
        focus(shown[i - 1]?.key);
        break;
      case 'Home':
        focus(shown[0]?.key);
        break;
      case 'End':
        focus(shown[shown.length - 1]?.key);
        break;
      case 'ArrowRight':
        if (node.children.length > 0) {
          if (!expanded.has(node.key)) toggle(node.key, true);
          else focus(node.children[0]?.key);
        }
        break;
      case 'ArrowLeft':
        if (node.children.length > 0 && expanded.has(node.key)) toggle(node.key, false);
        else focus(parentOf.get(node.key));
        break;
      case '*': {
        const siblings = parentOf.has(node.key)
          ? (shown.find((n) => n.key === parentOf.get(node.key))?.children ?? [])
          : roots;
        setExpanded(
          (cur) => new Set([...cur, ...siblings.filter((s) => s.children.length > 0).map((s) => s.key)]),
        );
        break;
      }
      case 'Enter':
      case ' ':
        onOpen(node.row);
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const renderNode = (n: TreeNode, setSize: number, pos: number) => {
    const r = n.row;
    const parent = n.children.length > 0;
    const open = parent && expanded.has(n.key);
    const status = r.status ?? 'none';
    const percent =
      n.leaves.applicable === 0 ? null : Math.floor((n.leaves.done * 100) / n.leaves.applicable);
    return (
      <li
        key={n.key}
        role="treeitem"
        aria-level={n.level}
        aria-setsize={setSize}
        aria-posinset={pos}
        aria-expanded={parent ? open : undefined}
        aria-selected={n.key === selectedKey}
        tabIndex={n.key === current ? 0 : -1}
        className={`clause-node${n.key === selectedKey ? ' is-selected' : ''}`}
        data-key={n.key}
        ref={(el) => {
          if (el) items.current.set(n.key, el);
          else items.current.delete(n.key);
        }}
        onFocus={(e) => {
          if (e.target === e.currentTarget) setFocusKey(n.key);
        }}
      >
        <div
          className="clause-row"
          style={{ paddingLeft: `${(n.level - 1) * 20 + 4}px` }}
          onClick={(e) => {
            e.stopPropagation();
            setFocusKey(n.key);
            onOpen(r);
          }}
        >
          {parent ? (
            <span
              className="clause-twisty"
              aria-hidden="true"
              onClick={(e) => {
                e.stopPropagation();
                setFocusKey(n.key);
                toggle(n.key, !open);
              }}
            >
              {open ? '▾' : '▸'}
            </span>
          ) : (
            <span className="clause-twisty" aria-hidden="true" />
          )}
          <span className="clause-id">{entryNumber(r.entry.id)}</span>
          <span className="clause-title">{r.entry.title[lang]}</span>
          <span className="clause-meta">
            <Badge tone={tone[status]}>
              {t(`compliance.status.${status}`)}
              {parent ? ` ${t('complianceTree.node.rollup')}` : ''}
            </Badge>
            {r.gaps.length > 0 ? (
              <span
                className="clause-gapdot"
                title={r.gaps.map((g) => gapText(t, g, r)).join(', ')}
                aria-hidden="true"
              />
            ) : (
              <span />
            )}
            <span className="clause-evidence">
              {t('complianceTree.node.evidence', { count: parent ? n.evidenceBelow : r.evidenceCount })}
            </span>
            {parent && percent !== null ? (
              <span className="clause-coverage">
                <svg viewBox="0 0 60 6" width="60" height="6" aria-hidden="true" focusable="false">
                  <rect x="0" y="0" width="60" height="6" rx="3" className="clause-coverage-track" />
                  <rect
                    x="0"
                    y="0"
                    width={(60 * percent) / 100}
                    height="6"
                    rx="3"
                    className="clause-coverage-fill"
                  />
                </svg>
                {t('complianceTree.node.coverage', {
                  done: n.leaves.done,
                  applicable: n.leaves.applicable,
                  percent,
                })}
              </span>
            ) : (
              <span />
            )}
          </span>
          <span className="sr-only">
            {r.gaps.length > 0
              ? `${t('compliance.entries.gaps')}: ${r.gaps.map((g) => gapText(t, g, r)).join(', ')}`
              : ''}
          </span>
        </div>
        {open ? (
          <ul role="group">{n.children.map((c, j) => renderNode(c, n.children.length, j + 1))}</ul>
        ) : null}
      </li>
    );
  };

  if (!entries)
    return loaded.error ? <ErrorAlert error={loaded.error} onRetry={loaded.reload} /> : <Loading />;
  return (
    <div className="clause-tree-wrap">
      <div className="clause-tree-tools">
        <button
          type="button"
          className="btn btn-small btn-quiet"
          onClick={() => setExpanded(new Set(allParents(roots)))}
        >
          {t('complianceTree.expandAll')}
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => setExpanded(new Set())}>
          {t('complianceTree.collapseAll')}
        </button>
        <span className="small muted" id="clause-tree-help">
          {t('complianceTree.keys')}
        </span>
      </div>
      <ul
        role="tree"
        aria-label={label}
        aria-describedby="clause-tree-help"
        className="clause-tree"
        onKeyDown={onKeyDown}
      >
        {roots.map((n, i) => renderNode(n, roots.length, i + 1))}
      </ul>
    </div>
  );
}
