import {
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';

export interface GridColumn<T> {
  readonly key: string;
  readonly header: ReactNode;
  /**
   * The header's full text, as its tooltip: a narrow column cuts the header off (「サポートレ…」).
   * Default: the header itself when it is text.
   */
  readonly headerTitle?: string;
  /** A CSS grid track, e.g. `minmax(180px, 2fr)` or `110px`. */
  readonly width: string;
  readonly render: (row: T) => ReactNode;
  /** The cell's tooltip (full text when it is cut off). */
  readonly title?: (row: T) => string | undefined;
  readonly sort?: { readonly direction: 'asc' | 'desc' | null; readonly onSort: () => void };
  readonly className?: string;
}

const overscan = 8;

/**
 * Sets the CSS custom property `name` on the element of `host` (one that holds the grid) to the width
 * a grid cell needs to show the widest of `texts` whole, its padding included, measured in the grid's
 * font and the page's language, again when the texts change (another language). For a column of a
 * few known labels, so that the longest one in either language is never cut off:
 * `minmax(max(100px, var(--name, 0px)), 0.8fr)`. A property, not state: no second render.
 */
export function useCellFitProperty(
  host: RefObject<HTMLElement | null>,
  name: string,
  texts: readonly string[],
): void {
  const key = texts.join('\n');
  useLayoutEffect(() => {
    const el = host.current;
    if (!el) return;
    const grid = document.createElement('div');
    grid.className = 'vgrid';
    grid.setAttribute('aria-hidden', 'true');
    grid.style.cssText =
      'position:absolute;left:-10000px;top:0;visibility:hidden;contain:none;height:auto;min-height:0';
    const cell = document.createElement('span');
    cell.className = 'vgrid-cell';
    cell.style.cssText = 'display:inline-block;width:max-content';
    grid.append(cell);
    el.append(grid);
    let widest = 0;
    for (const text of key.split('\n')) {
      cell.textContent = text;
      widest = Math.max(widest, cell.getBoundingClientRect().width);
    }
    grid.remove();
    el.style.setProperty(name, `${Math.ceil(widest)}px`);
  }, [host, name, key]);
}

/**
 * A windowed data grid: fixed row height, only the visible rows (plus a few either side) are in
 * the DOM, so 50,000 rows scroll like 50. Grid semantics (aria-rowcount / aria-rowindex), and the
 * keyboard moves an active row (aria-activedescendant): arrows, PageUp/PageDown, Home/End; Enter
 * opens it. Rows not loaded yet are asked for through `onRangeChange` and shown as placeholders.
 */
export function VirtualGrid<T>({
  id,
  label,
  columns,
  rowCount,
  rowHeight = 38,
  getRow,
  rowKey,
  rowClassName,
  selectedIndex,
  onOpen,
  onRangeChange,
  busy,
  loadingLabel,
  minWidth = 1200,
  resetKey,
}: {
  id: string;
  label: string;
  columns: readonly GridColumn<T>[];
  rowCount: number;
  rowHeight?: number;
  getRow: (index: number) => T | undefined;
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  selectedIndex: number | null;
  onOpen: (index: number, row: T) => void;
  onRangeChange: (first: number, last: number) => void;
  busy?: boolean;
  loadingLabel: string;
  minWidth?: number;
  /** Changes when the query changes: the grid scrolls back to the top. */
  resetKey: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(600);
  const [active, setActive] = useState(-1);
  const headerHeight = rowHeight;

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewHeight(el.clientHeight);
    const observer = new ResizeObserver(() => setViewHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const [lastCount, setLastCount] = useState(rowCount);
  if (lastCount !== rowCount) {
    setLastCount(rowCount);
    if (active >= rowCount) setActive(rowCount - 1);
  }

  const bodyHeight = Math.max(0, viewHeight - headerHeight);
  const visibleRows = Math.max(1, Math.floor(bodyHeight / rowHeight));
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(rowCount - 1, Math.ceil((scrollTop + bodyHeight) / rowHeight) + overscan);

  // Re-run when the caller's loader changes too (a page arrived, a new query started).
  useEffect(() => {
    if (rowCount > 0) onRangeChange(first, last);
  }, [first, last, rowCount, onRangeChange]);

  // A new query (search, filter, sort): back to the top.
  const [lastReset, setLastReset] = useState(resetKey);
  if (lastReset !== resetKey) {
    setLastReset(resetKey);
    setActive(-1);
    setScrollTop(0);
  }
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [resetKey]);

  const scrollToRow = (index: number) => {
    const el = scroller.current;
    if (!el) return;
    const top = index * rowHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + rowHeight > el.scrollTop + bodyHeight) el.scrollTop = top + rowHeight - bodyHeight;
  };

  const move = (index: number) => {
    if (rowCount === 0) return;
    const next = Math.max(0, Math.min(rowCount - 1, index));
    setActive(next);
    scrollToRow(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const current = active < 0 ? 0 : active;
    switch (e.key) {
      case 'ArrowDown':
        move(active < 0 ? 0 : current + 1);
        break;
      case 'ArrowUp':
        move(current - 1);
        break;
      case 'PageDown':
        move(current + visibleRows - 1);
        break;
      case 'PageUp':
        move(current - visibleRows + 1);
        break;
      case 'Home':
        move(0);
        break;
      case 'End':
        move(rowCount - 1);
        break;
      case 'Enter':
      case ' ': {
        const row = active >= 0 ? getRow(active) : undefined;
        if (row !== undefined) onOpen(active, row);
        else if (e.key === ' ') break;
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  };

  const indices: number[] = [];
  for (let i = first; i <= last; i++) indices.push(i);
  if (active >= 0 && active < rowCount && (active < first || active > last)) indices.push(active);

  const template = columns.map((c) => c.width).join(' ');
  const rowId = (i: number) => `${id}-row-${i}`;

  return (
    <div
      ref={scroller}
      id={id}
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount + 1}
      aria-colcount={columns.length}
      aria-busy={busy || undefined}
      aria-activedescendant={active >= 0 && active < rowCount ? rowId(active) : undefined}
      tabIndex={0}
      className="vgrid"
      style={{
        ['--vgrid-cols' as string]: template,
        ['--vgrid-row' as string]: `${rowHeight}px`,
        // A short list takes only the room it needs; a long one scrolls inside a fixed height.
        ['--vgrid-content' as string]: `${(rowCount + 1) * rowHeight + 2}px`,
      }}
      onScroll={(e) => setScrollTop(Math.max(0, e.currentTarget.scrollTop))}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && active < 0 && rowCount > 0)
          setActive(Math.floor(scrollTop / rowHeight));
      }}
    >
      <div role="rowgroup" className="vgrid-head" style={{ minWidth }}>
        <div role="row" aria-rowindex={1} className="vgrid-row vgrid-header-row">
          {columns.map((c, ci) => (
            <div
              key={c.key}
              role="columnheader"
              aria-colindex={ci + 1}
              title={c.sort ? undefined : headerTitle(c)}
              aria-sort={
                c.sort?.direction === 'asc'
                  ? 'ascending'
                  : c.sort?.direction === 'desc'
                    ? 'descending'
                    : undefined
              }
              className="vgrid-cell vgrid-th"
            >
              {c.sort ? (
                <button type="button" className="vgrid-sort" title={headerTitle(c)} onClick={c.sort.onSort}>
                  <span>{c.header}</span>
                  <SortIcon direction={c.sort.direction} />
                </button>
              ) : (
                c.header
              )}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vgrid-body" style={{ height: rowCount * rowHeight, minWidth }}>
        {indices.map((i) => {
          const row = getRow(i);
          const classes = ['vgrid-row'];
          if (i === active) classes.push('is-active');
          if (i === selectedIndex) classes.push('is-selected');
          const extra = row !== undefined ? rowClassName?.(row) : undefined;
          if (extra) classes.push(extra);
          return (
            <div
              key={row !== undefined ? rowKey(row) : `placeholder-${i}`}
              id={rowId(i)}
              role="row"
              aria-rowindex={i + 2}
              aria-selected={i === selectedIndex}
              className={classes.join(' ')}
              style={{ transform: `translateY(${i * rowHeight}px)` }}
              onClick={() => {
                setActive(i);
                if (row !== undefined) onOpen(i, row);
              }}
            >
              {row === undefined ? (
                <div role="gridcell" className="vgrid-cell vgrid-placeholder" aria-colindex={1}>
                  <span className="skeleton" aria-hidden="true" />
                  <span className="sr-only">{loadingLabel}</span>
                </div>
              ) : (
                columns.map((c, ci) => (
                  <div
                    key={c.key}
                    role="gridcell"
                    aria-colindex={ci + 1}
                    className={`vgrid-cell${c.className ? ` ${c.className}` : ''}`}
                    title={c.title?.(row)}
                  >
                    {c.render(row)}
                  </div>
                ))
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function headerTitle<T>(c: GridColumn<T>): string | undefined {
  return c.headerTitle ?? (typeof c.header === 'string' ? c.header : undefined);
}

function SortIcon({ direction }: { direction: 'asc' | 'desc' | null }) {
  return (
    <svg viewBox="0 0 10 12" className={`sort-icon${direction ? ' is-active' : ''}`} aria-hidden="true">
      <path
        d="M5 1.5L8 5H2z"
        fill="currentColor"
        opacity={direction === 'desc' ? 0.25 : direction ? 1 : 0.35}
      />
      <path
        d="M5 10.5L2 7h6z"
        fill="currentColor"
        opacity={direction === 'asc' ? 0.25 : direction ? 1 : 0.35}
      />
    </svg>
  );
}
