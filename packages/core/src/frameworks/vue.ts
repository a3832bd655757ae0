/**
 * Vue 3 typings of the Interview Kit elements: {@link VueElement} turns an {@link ElementApi} into
 * the type `vue-tsc` checks a template's use of a custom element against (the shape Vue's guide
 * gives for custom elements in `GlobalComponents`). Vue sets a bound value on a defined custom
 * element as a property when the element has one by that name (so bind properties in camelCase, or
 * with `.prop`), else as an attribute, and `@interview-session-end` listens to the event of that
 * name. Each element package declares its elements with it in `@interview-kit/<package>/vue`.
 *
 * @module @interview-kit/core/vue
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { AnyElementApi } from './element-api.js';

export type { AnyElementApi, ElementApi } from './element-api.js';

/** The emits of an element: one handler per event, given the typed event. */
export type VueEmits<Events> = EmitFn<{ [Name in keyof Events & string]: (event: Events[Name]) => void }>;

/**
 * A custom element as a Vue global component: its props are Vue's HTML attributes, the element's
 * own properties and attributes; its emits are its events.
 */
export type VueElement<Api extends AnyElementApi> = new () => Api['element'] & {
  $props: Omit<HTMLAttributes, keyof Api['properties'] | keyof Api['attributes']> &
    Partial<Api['properties']> &
    Api['attributes'] &
    PublicProps;
  $emit: VueEmits<Api['events']>;
};
