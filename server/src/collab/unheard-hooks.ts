import type { Document, Extension, Hocuspocus, afterLoadDocumentPayload, onConfigurePayload } from '@hocuspocus/server';

/** Hooks Hocuspocus runs per keystroke or per cursor move that may have no listener at all. */
type PerChangeHook = 'onChange' | 'onAwarenessUpdate';

/** The store hook's debounce timer is reset at most this often per document (see {@link UnheardHooksSkipped}). */
export const STORE_DEBOUNCE_RESET_MS = 1_000;

/** Hocuspocus' method run on every document update (its `onChange` hooks and the store debounce). */
type HandleDocumentUpdate = (document: Document, connection: unknown, update: Uint8Array, request: unknown) => void;

interface PerUpdateInternals {
  handleDocumentUpdate: HandleDocumentUpdate;
  debouncer: { isDebounced(id: string): boolean };
}

/**
 * Hocuspocus' per-change work that nobody listens to, skipped at 500 sessions' rates:
 *
 * - On every document update Hocuspocus 3.4 builds a hook payload (the request's query string
 *   parsed anew), runs the `onChange` chain and resets the store hook's debounce timer. Here the
 *   `onChange` chain runs only if an extension listens (with several instances, the Redis
 *   extension does), and the debounce timer of a document is reset at most once per
 *   {@link STORE_DEBOUNCE_RESET_MS}: the store hook still runs after the configured pause (up to
 *   that much sooner), still within `maxDebounce` (up to that much later), and at once when the last
 *   client leaves, as before.
 * - On every awareness change Hocuspocus builds the `onAwarenessUpdate` payload (every state of
 *   the document copied into an array) before it looks for a listener. Without one, its listener is
 *   not added to the document's awareness.
 *
 * Hooks set through the configuration itself are not looked at: `createSyncServer` sets none
 * (`onChange` and `onAwarenessUpdate` are `undefined` there), only extensions listen. Runs last
 * (lowest priority), so that its `afterLoadDocument` is the one right before Hocuspocus adds its
 * awareness listener; it throws at start-up if a Hocuspocus version lacks what it replaces.
 */
export class UnheardHooksSkipped implements Extension {
  priority = -1_000;
  #awarenessHeard = true;

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    const heard = (hook: PerChangeHook) => instance.configuration.extensions.some((extension) => typeof extension[hook] === 'function');
    this.#awarenessHeard = heard('onAwarenessUpdate');
    if (!heard('onChange')) skipChangeHooks(instance);
  }

  async afterLoadDocument({ document }: afterLoadDocumentPayload): Promise<void> {
    if (!this.#awarenessHeard) skipNextAwarenessHookListener(document);
  }
}

/** Document updates: no `onChange` chain, and the store debounce reset at most once per {@link STORE_DEBOUNCE_RESET_MS}. */
function skipChangeHooks(instance: Hocuspocus): void {
  const internals = instance as unknown as PerUpdateInternals;
  const original = internals.handleDocumentUpdate;
  if (typeof original !== 'function' || typeof internals.debouncer?.isDebounced !== 'function') {
    throw new Error("@hocuspocus/server's Hocuspocus no longer has handleDocumentUpdate and debouncer: review unheard-hooks.ts");
  }
  const lastReset = new WeakMap<Document, number>();
  internals.handleDocumentUpdate = function (document, connection, update, request) {
    const now = performance.now();
    const pending = internals.debouncer.isDebounced(`onStoreDocument-${document.name}`);
    if (pending && now - (lastReset.get(document) ?? -Infinity) < STORE_DEBOUNCE_RESET_MS) return;
    lastReset.set(document, now);
    // With no `onChange` listener, what remains of the original is the store debounce.
    original.call(this, document, connection, update, request);
  };
}

/** Hocuspocus' awareness listener: it builds the `onAwarenessUpdate` payload, then runs the hook. */
const isAwarenessHookListener = (listener: unknown) => typeof listener === 'function' && String(listener).includes('"onAwarenessUpdate"');

/**
 * Hocuspocus adds its `onAwarenessUpdate` listener to the document's awareness right after the
 * `afterLoadDocument` hooks; that one registration, recognised by its source, is left out.
 */
function skipNextAwarenessHookListener(document: Document): void {
  const awareness = document.awareness as unknown as { on(name: string, listener: unknown): void };
  awareness.on = function (this: typeof awareness, name: string, listener: unknown) {
    delete (awareness as Partial<typeof awareness>).on;
    if (name === 'update' && isAwarenessHookListener(listener)) return;
    this.on(name, listener);
  };
}
