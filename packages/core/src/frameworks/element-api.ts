/**
 * The public API of a custom element as a host framework sees it: the properties a host may set,
 * the attributes that have no property, and the events that reach a listener on the element. Each
 * element package describes its elements with it once; its React and Vue declarations
 * (`@interview-kit/<package>/react`, `…/vue`) are made from that description.
 *
 * @typeParam Element - The element's class.
 * @typeParam Properties - Names of the properties a host may set.
 * @typeParam Events - Names (in `HTMLElementEventMap`) of the events a listener on the element receives.
 * @typeParam Attributes - Attributes without a property of the same name, with their values.
 */
export interface ElementApi<
  Element extends HTMLElement,
  Properties extends keyof Element,
  Events extends keyof HTMLElementEventMap = never,
  Attributes extends object = object,
> {
  element: Element;
  properties: Pick<Element, Properties>;
  events: Pick<HTMLElementEventMap, Events>;
  attributes: Attributes;
}

/** Any {@link ElementApi}. */
export type AnyElementApi = ElementApi<any, any, any, object>;
