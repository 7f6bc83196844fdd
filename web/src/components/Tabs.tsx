import { useRef, type KeyboardEvent } from 'react';

export interface TabItem<K extends string> {
  readonly key: K;
  readonly label: string;
}

/**
 * A tab list (WAI-ARIA tabs pattern, automatic activation): one tab in the Tab order (roving
 * tabindex), Left/Right move and select, Home/End go to the first/last tab. The panels are
 * rendered by the caller with `tabPanelProps`.
 */
export function Tabs<K extends string>({
  id,
  label,
  tabs,
  selected,
  onSelect,
}: {
  id: string;
  label: string;
  tabs: readonly TabItem<K>[];
  selected: K;
  onSelect: (key: K) => void;
}) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((t) => t.key === selected);
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    const key = tabs[next]!.key;
    onSelect(key);
    refs.current[key]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="tabs" onKeyDown={onKeyDown}>
      {tabs.map((t) => (
        <button
          key={t.key}
          ref={(el) => {
            refs.current[t.key] = el;
          }}
          type="button"
          role="tab"
          id={`${id}-tab-${t.key}`}
          aria-selected={t.key === selected}
          aria-controls={`${id}-panel-${t.key}`}
          tabIndex={t.key === selected ? 0 : -1}
          className={`tab${t.key === selected ? ' is-selected' : ''}`}
          onClick={() => onSelect(t.key)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function tabPanelProps(id: string, key: string) {
  return {
    role: 'tabpanel',
    id: `${id}-panel-${key}`,
    'aria-labelledby': `${id}-tab-${key}`,
    tabIndex: 0,
    className: 'tabpanel',
  } as const;
}
