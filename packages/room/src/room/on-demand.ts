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
 * Registers `<interview-editor>`, `<interview-run-panel>`, `<interview-tests>` and
 * `<interview-console>`. The room's define entry asks for them before the room itself
 * (`code-elements.ts`; the room asks again when connected), so that their code
 * (CodeMirror above all) downloads and runs while the room fetches the session and opens its sync
 * connection, instead of before either can start; the room renders them once they are defined.
 */
export const loadCodeElements = onDemand(() => Promise.all([import('@interview-kit/editor/define'), import('@interview-kit/run-panel/define')]));

/** Whether `<interview-editor>` and the run panel's elements are defined (the run panel's module defines all three). */
export const codeElementsReady = (): boolean => !!customElements.get('interview-editor') && !!customElements.get('interview-run-panel');

/** The label of a language of the editor's picker (its id when unknown), once the editor's code is there. */
export async function languageLabel(id: string): Promise<string> {
  const { LANGUAGES } = await import('@interview-kit/editor');
  return LANGUAGES.find((known) => known.id === id)?.label ?? id;
}

/**
 * Registers `<interview-video>` and `<interview-device-check>` (the call and the lobby's camera
 * check): the room asks for them once it has the session's view, and the editor never waits for them.
 */
export const loadVideoElements = onDemand(() => import('@interview-kit/video/define'));
