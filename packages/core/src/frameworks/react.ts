/**
 * React 19 typings of the Interview Kit elements: {@link ReactProps} turns an {@link ElementApi}
 * into the props of a JSX intrinsic element. React 19 sets a prop on a defined custom element as a
 * property when the element has one (else as an attribute), and turns a prop named `on` + an event
 * name, exactly as the event is spelled, into a listener: `oninterview-session-end={…}` listens to
 * `interview-session-end`. Each element package declares its elements with it in
 * `@interview-kit/<package>/react`.
 *
 * @module @interview-kit/core/react
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { AnyElementApi } from './element-api.js';

export type { AnyElementApi, ElementApi } from './element-api.js';

/** The listener props of an element's events: `on` + the event name, given the typed event. */
export type ReactEventProps<Events> = {
  [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void;
};

/**
 * The props of an element in JSX: React's HTML attributes (`className`, `slot`, `style`, `ref` typed
 * with the element's class, `children`…), the element's own properties and attributes, and a
 * listener prop per event.
 */
export type ReactProps<Api extends AnyElementApi> = Omit<
  DetailedHTMLProps<HTMLAttributes<Api['element']>, Api['element']>,
  keyof Api['properties'] | keyof Api['attributes']
> &
  Partial<Api['properties']> &
  Api['attributes'] &
  ReactEventProps<Api['events']>;
