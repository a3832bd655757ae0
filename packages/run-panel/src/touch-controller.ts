import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** The media query of a touch device without a hovering pointer: keyboard shortcut hints are hidden there. */
export const TOUCH_QUERY = '(hover: none) and (pointer: coarse)';

/** Tells an element whether it is on a touch device ({@link TOUCH_QUERY}), and updates it when that changes. */
export class TouchController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #query: MediaQueryList | undefined;
  readonly #changed = () => this.#host.requestUpdate();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Whether the device is a touch device now. */
  get touch(): boolean {
    return (this.#query ?? matchMedia(TOUCH_QUERY)).matches;
  }

  hostConnected(): void {
    this.#query = matchMedia(TOUCH_QUERY);
    this.#query.addEventListener('change', this.#changed);
  }

  hostDisconnected(): void {
    this.#query?.removeEventListener('change', this.#changed);
    this.#query = undefined;
  }
}
