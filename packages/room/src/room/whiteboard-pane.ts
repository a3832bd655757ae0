import { html, type TemplateResult } from 'lit';
import { onDemand } from './on-demand.js';
import type { RoomStrings } from './room.strings.js';
import { stringsFor, type RoomLocale } from './room-locale.js';
import { renderTabList } from './tab-list.js';

/** What the centre of the wide layout shows: the code (above the run panel) or the whiteboard. */
export type CentreView = 'code' | 'whiteboard';

/**
 * Registers `<interview-whiteboard>` once it is first shown: its chunk (and perfect-freehand)
 * stays out of the room's initial download.
 */
export const loadWhiteboard = onDemand(() => import('@interview-kit/whiteboard/define'));

/** The tab list above the code on wide screens: Code | Whiteboard. */
export function renderCentreTabs(selected: CentreView, onSelect: (view: CentreView) => Promise<unknown>, t: RoomStrings): TemplateResult {
  return renderTabList<CentreView>({
    part: 'centre-tabs',
    label: t.centreViews,
    tabs: [
      ['code', t.code],
      ['whiteboard', t.whiteboard],
    ],
    selected,
    idPrefix: 'centre-',
    onSelect,
  });
}

/**
 * The whiteboard; in the Replay, it shows the moment the code replay shows (the editor's
 * `interview-replay-moment` events, caught by {@link followReplayMoment} on the centre).
 */
export function renderWhiteboard(replaying: boolean, locale: RoomLocale): TemplateResult {
  return html`<interview-whiteboard lang=${locale.lang} .strings=${stringsFor(locale, 'interview-whiteboard')} ?replay=${replaying}></interview-whiteboard>`;
}

/** Moves the whiteboard under `event.currentTarget` to the moment the editor's replay shows. */
export function followReplayMoment(event: Event): void {
  const at = (event as CustomEvent<{ at?: unknown }>).detail?.at;
  const board = (event.currentTarget as Element).querySelector('interview-whiteboard') as (Element & { replayAt?: number }) | null;
  if (board && typeof at === 'number') board.replayAt = at;
}
