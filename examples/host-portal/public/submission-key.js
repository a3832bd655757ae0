/**
 * One `Idempotency-Key` per form submission. Sending the same form again before it succeeded (a
 * double click, a retry after a lost answer) reuses the key, so the server answers with the
 * interview the first attempt created; a changed form or a finished submission gets a new key.
 *
 * @param {() => string} [newKey]
 */
export function createSubmissionKeys(newKey = () => crypto.randomUUID()) {
  /** @type {{ body: string, key: string } | undefined} */
  let pending;
  return {
    /** The key for sending `body` (the request body, as sent). @param {string} body */
    keyFor(body) {
      if (pending?.body !== body) pending = { body, key: newKey() };
      return pending.key;
    },
    /** The submission succeeded: the next one is a new interview. */
    done() {
      pending = undefined;
    },
  };
}
