import { WEBHOOK_EVENTS } from './webhook-inbox.js';

const DESCRIPTION = 'Acme Hiring portal';

/**
 * Makes sure the Interview Kit server sends every event to `url`, and returns the webhook's id
 * and a signing secret the caller now holds. A webhook already registered for `url` (by an
 * earlier run of the portal) is reused: its secret was shown only when it was made, so it gets a
 * new one (the server signs with both for a day, so nothing in flight is lost), and its events
 * and state are set right. Other webhooks for the same URL are removed, so restarts never pile
 * them up.
 *
 * @param {{
 *   interviewKit: ReturnType<typeof import('./interview-kit-client.js').createInterviewKitClient>,
 *   url: string,
 * }} options
 * @returns {Promise<{ id: string, secret: string, reused: boolean }>}
 */
export async function registerWebhook({ interviewKit, url }) {
  const { webhooks } = await interviewKit.listWebhooks();
  const [kept, ...extra] = webhooks.filter((webhook) => webhook.url === url);
  for (const webhook of extra) await interviewKit.deleteWebhook(webhook.id);
  if (!kept) {
    const created = await interviewKit.createWebhook({ url, events: [...WEBHOOK_EVENTS], description: DESCRIPTION });
    return { id: created.id, secret: created.secret, reused: false };
  }
  const everyEvent = WEBHOOK_EVENTS.every((type) => kept.events.includes(type));
  if (!everyEvent || kept.status !== 'enabled') {
    await interviewKit.updateWebhook(kept.id, { events: [...WEBHOOK_EVENTS], enabled: true });
  }
  const { secret } = await interviewKit.rotateWebhookSecret(kept.id);
  return { id: kept.id, secret, reused: true };
}
