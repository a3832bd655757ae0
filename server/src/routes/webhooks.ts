import { type Api, problemResponse, COMMON_PROBLEMS } from '../api.js';
import type { AppContext } from '../context.js';
import * as W from '../schemas/webhooks.js';
import { HOST_ONLY, hostTenant } from './host-only.js';

const problem = problemResponse;
const common = {
  ...COMMON_PROBLEMS,
  403: problem('Participants may not manage webhooks'),
  404: problem('No such webhook (or delivery)'),
};

/** Webhook endpoints of the host's systems: registration, changes, secret rotation, deliveries. */
export function registerWebhookRoutes(api: Api, ctx: AppContext): void {
  const { webhooks } = ctx;
  const base = { tags: ['webhooks'], ...HOST_ONLY };

  api.route(
    {
      method: 'post',
      path: '/v1/webhooks',
      summary:
        'Register an endpoint for session events. Deliveries are signed per Standard Webhooks (webhook-id, webhook-timestamp, ' +
        'webhook-signature) with the returned secret, which is shown only in this answer',
      ...base,
      body: W.CreateWebhookRequest,
      responses: { 201: { description: 'Registered, with its secret', schema: W.CreatedWebhook, headers: ['Location'] }, ...common },
    },
    async (_req, res, { body }) => {
      const created = await webhooks.create(hostTenant(res), body);
      res.status(201).location(`/v1/webhooks/${created.id}`).json(created);
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/webhooks',
      summary: "The tenant's webhooks (without secrets)",
      ...base,
      responses: { 200: { description: 'Webhooks', schema: W.WebhookList }, ...common },
    },
    async (_req, res) => {
      res.json({ webhooks: await webhooks.list(hostTenant(res)) });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/webhooks/:id',
      summary: 'One webhook (without its secret)',
      ...base,
      params: W.WebhookIdParams,
      responses: { 200: { description: 'The webhook', schema: W.Webhook }, ...common },
    },
    async (_req, res, { params }) => {
      res.json(await webhooks.get(hostTenant(res), params.id));
    },
  );

  api.route(
    {
      method: 'patch',
      path: '/v1/webhooks/:id',
      summary: 'Change the URL, events or description; `enabled` disables or re-enables it',
      ...base,
      params: W.WebhookIdParams,
      body: W.UpdateWebhookRequest,
      responses: { 200: { description: 'The changed webhook', schema: W.Webhook }, ...common },
    },
    async (_req, res, { params, body }) => {
      res.json(await webhooks.update(hostTenant(res), params.id, body));
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/v1/webhooks/:id',
      summary: 'Remove a webhook and its deliveries; nothing more is sent to it',
      ...base,
      params: W.WebhookIdParams,
      responses: { 204: { description: 'Removed' }, ...common },
    },
    async (_req, res, { params }) => {
      await webhooks.remove(hostTenant(res), params.id);
      res.status(204).end();
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/webhooks/:id/rotate-secret',
      summary: 'A new signing secret, shown once; for 24 hours deliveries carry signatures by the old and the new secret',
      ...base,
      params: W.WebhookIdParams,
      responses: { 200: { description: 'The new secret', schema: W.RotatedSecret }, ...common },
    },
    async (_req, res, { params }) => {
      res.json(await webhooks.rotateSecret(hostTenant(res), params.id));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/v1/webhooks/:id/deliveries',
      summary: "The webhook's deliveries, newest first: status, attempts, response code, timings, next attempt; and whether the webhook is disabled",
      ...base,
      params: W.WebhookIdParams,
      query: W.ListDeliveriesQuery,
      responses: { 200: { description: 'One page of deliveries', schema: W.DeliveryList }, ...common },
    },
    async (_req, res, { params, query }) => {
      res.json(await webhooks.deliveries(hostTenant(res), params.id, query));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/v1/webhooks/:id/deliveries/:deliveryId/retry',
      summary: 'Send a delivery again now, with the same webhook-id and a fresh set of attempts',
      ...base,
      params: W.DeliveryIdParams,
      responses: {
        202: { description: 'Queued', schema: W.Delivery },
        409: problem('An attempt is under way, or the webhook is disabled'),
        ...common,
      },
    },
    async (_req, res, { params }) => {
      res.status(202).json(await webhooks.retry(hostTenant(res), params.id, params.deliveryId));
    },
  );
}
