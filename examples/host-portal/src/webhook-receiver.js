import { Webhook } from 'standardwebhooks';

/**
 * Checks Interview Kit's webhook deliveries with the Standard Webhooks library: the signature over
 * the raw body (before any JSON parsing) with the webhook's secret, and a timestamp within five
 * minutes. Until the portal has registered its webhook it has no secret and checks nothing.
 */
export function createWebhookVerifier() {
  /** @type {Webhook | null} */
  let verifier = null;

  return {
    /** Takes the secret (`whsec_…`) the server gave at registration or rotation. @param {string} secret */
    useSecret(secret) {
      verifier = new Webhook(secret);
    },

    /** Whether a secret is set, so deliveries can be checked. */
    get ready() {
      return verifier !== null;
    },

    /**
     * The verified event with its `webhook-id`; throws when the signature, the timestamp or the
     * body is wrong.
     * @param {Buffer | string} rawBody
     * @param {Record<string, string | string[] | undefined>} headers
     * @returns {{ webhookId: string, event: import('./webhook-inbox.js').WebhookEvent }}
     */
    verify(rawBody, headers) {
      if (!verifier) throw new Error('no webhook secret yet');
      const single = (/** @type {string} */ name) => {
        const value = headers[name];
        return typeof value === 'string' ? value : '';
      };
      const wanted = { 'webhook-id': single('webhook-id'), 'webhook-timestamp': single('webhook-timestamp'), 'webhook-signature': single('webhook-signature') };
      const event = /** @type {import('./webhook-inbox.js').WebhookEvent} */ (verifier.verify(rawBody, wanted));
      if (typeof event?.type !== 'string' || typeof event.data?.sessionId !== 'string') throw new Error('not an Interview Kit session event');
      return { webhookId: wanted['webhook-id'], event };
    },
  };
}

/** @typedef {ReturnType<typeof createWebhookVerifier>} WebhookVerifier */
