// What changed in a session's shared document, as lines a person can read.
import * as Y from 'yjs';

/** The shared texts a participant edits: the code of each coding question (`code`, `code.1`, …) and the standard input. */
const isEditedText = (name) => name === 'code' || /^code\.\d+$/.test(name) || name === 'stdin';

/**
 * Describes one change of a shared text as lines such as `code: insert "x" at 4`.
 * @param {string} name the text's name in the document
 * @param {Y.YTextEvent} event
 */
export function describeTextChange(name, event) {
  const lines = [];
  let index = 0;
  for (const op of event.delta) {
    if (op.retain !== undefined) index += op.retain;
    else if (op.insert !== undefined) {
      const text = typeof op.insert === 'string' ? op.insert : '';
      lines.push(`${name}: insert ${JSON.stringify(text)} at ${index}`);
      index += text.length;
    } else if (op.delete !== undefined) lines.push(`${name}: delete ${op.delete} at ${index}`);
  }
  return lines;
}

/**
 * Calls `print` with a line for every edit of the document's shared texts, every run record the
 * server appends and every change of the session's state, from now on; returns a function that
 * stops. Texts that appear later (the code of a question reached later) are followed too.
 * @param {Y.Doc} doc
 * @param {(line: string) => void} print
 */
export function followEdits(doc, print) {
  /** @type {(() => void)[]} */
  const stops = [];
  const followed = new Set();

  const followTexts = () => {
    for (const name of doc.share.keys()) {
      if (!isEditedText(name) || followed.has(name)) continue;
      followed.add(name);
      const text = doc.getText(name);
      const observer = (/** @type {Y.YTextEvent} */ event) => describeTextChange(name, event).forEach(print);
      text.observe(observer);
      stops.push(() => text.unobserve(observer));
    }
  };

  const runs = doc.getArray('runs');
  const onRuns = (/** @type {Y.YArrayEvent<any>} */ event) => {
    for (const op of event.changes.delta) {
      for (const record of op.insert ?? []) print(`run: ${record.by?.name ?? 'someone'} ran ${record.language} → ${record.verdict}`);
    }
  };
  runs.observe(onRuns);
  stops.push(() => runs.unobserve(onRuns));

  const session = doc.getMap('session');
  const onSession = (/** @type {Y.YMapEvent<unknown>} */ event) => {
    for (const key of event.keysChanged) print(`session: ${key} = ${JSON.stringify(session.get(key) ?? null)}`);
  };
  session.observe(onSession);
  stops.push(() => session.unobserve(onSession));

  followTexts();
  // A text first named by an incoming update is in `doc.share` once the update is applied.
  doc.on('afterTransaction', followTexts);
  stops.push(() => doc.off('afterTransaction', followTexts));
  return () => stops.forEach((stop) => stop());
}
