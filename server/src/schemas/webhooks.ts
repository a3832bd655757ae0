import { z } from 'zod';
import { EventType, SESSION_EVENT_TYPES } from './events.js';
import { cursor, limit, nextCursor } from './pages.js';

/** Webhook schemas: they validate input and document the API. */

const url = z.url({ protocol: /^https?$/ }).max(2000).describe('https:// (http:// only where WEBHOOK_ALLOW_PRIVATE_NETWORKS=true); must not resolve to an internal address');
const events = z.array(EventType).min(1).max(SESSION_EVENT_TYPES.length).describe('The event types to send');
const description = z.string().trim().max(500);

export const CreateWebhookRequest = z.strictObject({ url, events, description: description.optional() }).meta({ id: 'CreateWebhookRequest' });

export const UpdateWebhookRequest = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.nullable().optional(),
    enabled: z.boolean().optional().describe('true re-enables a disabled webhook; false disables it'),
  })
  .meta({ id: 'UpdateWebhookRequest' });

const instant = z.iso.datetime();

export const Webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(EventType),
    description: z.string().nullable(),
    status: z.enum(['enabled', 'disabled']),
    disabledAt: instant.nullable(),
    disabledReason: z.string().nullable().describe('Why: by the host, or every delivery failing for WEBHOOK_DISABLE_AFTER_HOURS'),
    failingSince: instant.nullable().describe('The first failed attempt since the last success'),
    previousSecretExpiresAt: instant.nullable().describe('Until then deliveries are signed with the previous secret too'),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Webhook' });

const secret = z.string().describe('The signing secret (whsec_…), shown only now: verify deliveries with any Standard Webhooks library');

export const CreatedWebhook = Webhook.extend({ secret }).meta({ id: 'CreatedWebhook' });

export const WebhookList = z.object({ webhooks: z.array(Webhook) }).meta({ id: 'WebhookList' });

export const RotatedSecret = z
  .object({ id: z.string(), secret, previousSecretExpiresAt: instant.describe('The old secret signs beside the new one until then') })
  .meta({ id: 'RotatedSecret' });

export const DeliveryStatus = z
  .enum(['pending', 'retrying', 'succeeded', 'failed', 'cancelled'])
  .meta({ id: 'DeliveryStatus', description: 'pending → succeeded; retrying after a failed attempt; failed after the last; cancelled when the webhook was disabled' });

export const Delivery = z
  .object({
    id: z.string().describe('The webhook-id header: the same on every attempt'),
    eventId: z.string(),
    type: EventType,
    sessionId: z.string(),
    status: DeliveryStatus,
    attempts: z.int(),
    responseStatus: z.int().nullable().describe("The last attempt's HTTP status; null when there was no response"),
    lastError: z.string().nullable(),
    durationMs: z.int().nullable().describe("The last attempt's duration"),
    createdAt: instant,
    firstAttemptAt: instant.nullable(),
    lastAttemptAt: instant.nullable(),
    deliveredAt: instant.nullable(),
    nextAttemptAt: instant.nullable(),
  })
  .meta({ id: 'WebhookDelivery' });


export const DeliveryList = z
  .object({ webhook: Webhook.describe('The webhook, with its status: a disabled one says why'), deliveries: z.array(Delivery), nextCursor })
  .meta({ id: 'WebhookDeliveryList' });

export const ListDeliveriesQuery = z.strictObject({ status: DeliveryStatus.optional(), limit, cursor });

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "_" or "-"');
export const WebhookIdParams = z.strictObject({ id });
export const DeliveryIdParams = z.strictObject({ id, deliveryId: id });

