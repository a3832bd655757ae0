/**
 * Elements the room shows only once needed, each loaded in a chunk of its own on first need, so
 * that the room's first paint (the question and the editable code) does not wait for them.
 *
 * @module
 */

/** A loader run on first need and shared after; a failed load is tried again on the next need. */
export function onDemand(load: () => Promise<unknown>): () => Promise<unknown> {
  let loading: Promise<unknown> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

/**
 * Registers `<interview-video>` and `<interview-device-check>` (the call and the lobby's camera
 * check): the room asks for them once it has the session's view, and the editor never waits for them.
 */
export const loadVideoElements = onDemand(() => import('@interview-kit/video/define'));
