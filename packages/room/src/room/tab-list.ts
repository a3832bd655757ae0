import { html, type TemplateResult } from 'lit';
import { tabAfterKey } from './layout.js';
import { directionAt } from './split.js';

/** A tab list to render: its tabs and their labels, which is selected, and where a choice goes. */
export interface TabListOptions<T extends string> {
  /** `tabs` part and class of the list. */
  part: string;
  /** Accessible name of the list. */
  label: string;
  tabs: readonly (readonly [T, string])[];
  selected: T;
  /** Prefix of the ids: tab `${prefix}tab-${id}` controls panel `panel-${id}`. */
  idPrefix?: string;
  /** Selects `tab`; resolves once the list shows it (the focus moves then). */
  onSelect: (tab: T) => Promise<unknown>;
}

/**
 * A WAI-ARIA tab list with automatic activation: one tab in the focus order, the arrow keys,
 * Home and End select and focus another.
 */
export function renderTabList<T extends string>({ part, label, tabs, selected, idPrefix = '', onSelect }: TabListOptions<T>): TemplateResult {
  const onKey = (event: KeyboardEvent) => {
    const next = tabAfterKey(
      tabs.map(([id]) => id),
      selected,
      event.key,
      'horizontal',
      directionAt(event.currentTarget as Element),
    );
    if (next === undefined) return;
    event.preventDefault();
    const list = event.currentTarget as HTMLElement;
    // Focus follows once the list rendered the new selection.
    void onSelect(next).then(() => list.querySelector<HTMLElement>(`#${idPrefix}tab-${next}`)?.focus());
  };
  return html`
    <div part=${part} class=${part} role="tablist" aria-label=${label} @keydown=${onKey}>
      ${tabs.map(
        ([id, text]) => html`<button
          part="tab"
          role="tab"
          id="${idPrefix}tab-${id}"
          aria-selected=${String(id === selected)}
          aria-controls="panel-${id}"
          tabindex=${id === selected ? '0' : '-1'}
          @click=${() => void onSelect(id)}
        >
          ${text}
        </button>`,
      )}
    </div>
  `;
}
