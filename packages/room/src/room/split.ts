import { html, type TemplateResult } from 'lit';

/** A resizable split: the first pane's size in percent of the container, and its bounds. */
export interface Split {
  value: number;
  min: number;
  max: number;
}

/** Which way a separator moves: `vertical` separators resize columns, `horizontal` ones rows. */
export type SplitOrientation = 'vertical' | 'horizontal';

/** Percent moved by one arrow key press. */
export const SPLIT_STEP = 5;

/** `split` at `value`, kept within its bounds and rounded to whole percent. */
export function resized(split: Split, value: number): Split {
  return { ...split, value: Math.round(Math.min(split.max, Math.max(split.min, value))) };
}

/**
 * `split` after a key press on its separator (WAI-ARIA window splitter): the arrow keys across the
 * separator step by {@link SPLIT_STEP}, Home and End go to the bounds; `undefined` for any other key.
 */
export function splitAfterKey(split: Split, key: string, orientation: SplitOrientation, dir: 'ltr' | 'rtl' = 'ltr'): Split | undefined {
  // Right to left, the first pane is on the right: ArrowLeft widens it.
  const across = dir === 'rtl' ? ['ArrowRight', 'ArrowLeft'] : ['ArrowLeft', 'ArrowRight'];
  const [less, more] = orientation === 'vertical' ? across : ['ArrowUp', 'ArrowDown'];
  const value =
    key === less ? split.value - SPLIT_STEP : key === more ? split.value + SPLIT_STEP : key === 'Home' ? split.min : key === 'End' ? split.max : undefined;
  return value === undefined ? undefined : resized(split, value);
}

/** `split` with its first pane ending at the pointer, measured in `box` (the container; right to left, from its right edge). */
export function splitAtPointer(
  split: Split,
  orientation: SplitOrientation,
  box: DOMRect,
  event: { clientX: number; clientY: number },
  dir: 'ltr' | 'rtl' = 'ltr',
): Split {
  if (orientation === 'horizontal') return resized(split, ((event.clientY - box.top) / box.height) * 100);
  const fromStart = dir === 'rtl' ? box.right - event.clientX : event.clientX - box.left;
  return resized(split, (fromStart / box.width) * 100);
}

/** The writing direction an element is laid out in. */
export const directionAt = (element: Element): 'ltr' | 'rtl' => (getComputedStyle(element).direction === 'rtl' ? 'rtl' : 'ltr');

/** What a separator needs: its split, how it resizes, its accessible name, the pane it resizes, and where a change goes. */
export interface SeparatorOptions {
  split: Split;
  orientation: SplitOrientation;
  label: string;
  controls: string;
  onChange: (split: Split) => void;
}

/** A split's drag handle: focusable, moved with the arrow keys, Home and End, or dragged with any pointer. */
export function renderSeparator({ split, orientation, label, controls, onChange }: SeparatorOptions): TemplateResult {
  const onKey = (event: KeyboardEvent) => {
    const next = splitAfterKey(split, event.key, orientation, directionAt(event.currentTarget as Element));
    if (!next) return;
    event.preventDefault();
    onChange(next);
  };
  const onPointerDown = (event: PointerEvent) => {
    const handle = event.currentTarget as HTMLElement;
    const container = handle.parentElement!;
    handle.setPointerCapture(event.pointerId);
    handle.classList.add('dragging');
    // The split at the drag's start: later moves are measured against the same bounds.
    const dir = directionAt(handle);
    const move = (moveEvent: PointerEvent) => onChange(splitAtPointer(split, orientation, container.getBoundingClientRect(), moveEvent, dir));
    const up = () => {
      handle.classList.remove('dragging');
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
  };
  return html`<div
    part="separator"
    class="separator ${orientation}"
    role="separator"
    tabindex="0"
    aria-label=${label}
    aria-orientation=${orientation}
    aria-controls=${controls}
    aria-valuenow=${split.value}
    aria-valuemin=${split.min}
    aria-valuemax=${split.max}
    @keydown=${onKey}
    @pointerdown=${onPointerDown}
  ></div>`;
}
