import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Db } from '../adapters/db/database.js';
import type { Database } from '../adapters/db/schema.js';
import type { WebhookSettings } from '../config/index.js';
import { enqueue } from '../jobs/enqueue.js';
import { after, pageOf } from '../pagination.js';
import { badRequest, conflict, notFound } from '../problem.js';
import type { SessionEventType } from '../services/session-events.js';
import { assertPublicHost, ForbiddenAddressError, type DnsLookup } from './address-guard.js';
import { newSecret } from './signature.js';

/** The job kind that sends one delivery (its key is the delivery's id). */
export const WEBHOOK_DELIVER = 'webhook.deliver';

/** How long the secret before a rotation still signs deliveries. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;

type EndpointRow = Selectable<Database['webhook_endpoints']>;
type DeliveryRow = Selectable<Database['webhook_deliveries']>;

/** Changes to an endpoint; `description: null` removes it. */
export interface WebhookPatch {
  url?: string | undefined;
  events?: SessionEventType[] | undefined;
  description?: string | null | undefined;
  enabled?: boolean | undefined;
}

export interface WebhookInput {
  url: string;
  events: SessionEventType[];
  description?: string | undefined;
}

/** An endpoint as the API shows it; its secret only once, when created or rotated. */
export interface WebhookView {
  id: string;
  url: string;
  events: SessionEventType[];
  description: string | null;
  status: 'enabled' | 'disabled';
  disabledAt: string | null;
  disabledReason: string | null;
  failingSince: string | null;
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryView {
  id: string;
  eventId: string;
  type: SessionEventType;
  sessionId: string;
  status: DeliveryRow['status'];
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  durationMs: number | null;
  createdAt: string;
  firstAttemptAt: string | null;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

export interface WebhookServiceOptions {
  settings: WebhookSettings;
  now?: () => Date;
  /** Name resolution for the registration check (tests substitute one). */
  resolve?: DnsLookup;
  /** Called after a manual retry is queued, so workers pick it up at once. */
  onQueued?: () => void;
}

/**
 * A tenant's webhook endpoints: registration (the URL checked against internal addresses),
 * changes, secret rotation, and the record of deliveries with manual retry. Sending is
 * `delivery.ts`'s, as jobs.
 */
export class WebhookService {
  readonly #now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly options: WebhookServiceOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  async create(tenantId: string, input: WebhookInput): Promise<WebhookView & { secret: string }> {
    await this.checkUrl(input.url);
    const now = this.#now().toISOString();
    const row: EndpointRow = {
      id: `wh_${randomUUID().replace(/-/g, '')}`,
      tenant_id: tenantId,
      url: input.url,
      events: JSON.stringify(unique(input.events)),
      description: input.description ?? null,
      secret: newSecret(),
      previous_secret: null,
      previous_secret_expires_at: null,
      status: 'enabled',
      failing_since: null,
      disabled_at: null,
      disabled_reason: null,
      created_at: now,
      updated_at: now,
    };
    await this.db.insertInto('webhook_endpoints').values(row).execute();
    return { ...viewOf(row), secret: row.secret };
  }

  async list(tenantId: string): Promise<WebhookView[]> {
    const rows = await this.db.selectFrom('webhook_endpoints').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
    return rows.map(viewOf);
  }

  async get(tenantId: string, id: string): Promise<WebhookView> {
    return viewOf(await this.row(tenantId, id));
  }

  /** Changes the URL, events or description; `enabled: true` re-enables a disabled endpoint (its failure clock restarts). */
  async update(tenantId: string, id: string, patch: WebhookPatch): Promise<WebhookView> {
    const current = await this.row(tenantId, id);
    if (patch.url !== undefined) await this.checkUrl(patch.url);
    const now = this.#now().toISOString();
    const changes: Partial<EndpointRow> = { updated_at: now };
    if (patch.url !== undefined) changes.url = patch.url;
    if (patch.events !== undefined) changes.events = JSON.stringify(unique(patch.events));
    if (patch.description !== undefined) changes.description = patch.description;
    if (patch.enabled === true && current.status === 'disabled') {
      Object.assign(changes, { status: 'enabled', disabled_at: null, disabled_reason: null, failing_since: null });
    } else if (patch.enabled === false && current.status === 'enabled') {
      Object.assign(changes, { status: 'disabled', disabled_at: now, disabled_reason: 'disabled by the host' });
    }
    await this.db.updateTable('webhook_endpoints').set(changes).where('id', '=', id).execute();
    return this.get(tenantId, id);
  }

  /** Removes the endpoint and its deliveries; deliveries not yet sent never will be. */
  async remove(tenantId: string, id: string): Promise<void> {
    await this.row(tenantId, id);
    await this.db.deleteFrom('webhook_endpoints').where('id', '=', id).where('tenant_id', '=', tenantId).execute();
  }

  /** A new secret, shown once; the old one keeps signing (beside the new) for {@link ROTATION_OVERLAP_MS}. */
  async rotateSecret(tenantId: string, id: string): Promise<{ id: string; secret: string; previousSecretExpiresAt: string }> {
    const current = await this.row(tenantId, id);
    const now = this.#now();
    const secret = newSecret();
    const previousSecretExpiresAt = new Date(now.getTime() + ROTATION_OVERLAP_MS).toISOString();
    await this.db
      .updateTable('webhook_endpoints')
      .set({ secret, previous_secret: current.secret, previous_secret_expires_at: previousSecretExpiresAt, updated_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
    return { id, secret, previousSecretExpiresAt };
  }

  /** The endpoint's deliveries, newest first, with whether (and why) the endpoint is disabled. */
  async deliveries(
    tenantId: string,
    id: string,
    filter: { status?: DeliveryRow['status'] | undefined; limit: number; cursor?: string | undefined },
  ): Promise<{ webhook: WebhookView; deliveries: DeliveryView[]; nextCursor: string | null }> {
    const webhook = viewOf(await this.row(tenantId, id));
    let query = this.deliveryQuery().where('webhook_deliveries.endpoint_id', '=', id);
    if (filter.status) query = query.where('webhook_deliveries.status', '=', filter.status);
    if (filter.cursor) query = query.where(after(filter.cursor, 'webhook_deliveries.created_at', 'webhook_deliveries.id'));
    const rows = await query.orderBy('webhook_deliveries.created_at', 'desc').orderBy('webhook_deliveries.id', 'desc').limit(filter.limit + 1).execute();
    const { page, nextCursor } = pageOf(rows, filter.limit);
    return { webhook, deliveries: page.map(deliveryViewOf), nextCursor };
  }

  /**
   * Sends a delivery again (with the same `webhook-id`) with a fresh set of attempts, whatever
   * became of it; 409 while an attempt is under way or the endpoint is disabled.
   */
  async retry(tenantId: string, id: string, deliveryId: string): Promise<DeliveryView> {
    const endpoint = await this.row(tenantId, id);
    if (endpoint.status === 'disabled') throw conflict(`webhook ${id} is disabled (${endpoint.disabled_reason}); enable it with PATCH {"enabled": true} first`);
    const now = this.#now();
    await this.db.transaction().execute(async (trx) => {
      const delivery = await trx.selectFrom('webhook_deliveries').select('id').where('id', '=', deliveryId).where('endpoint_id', '=', id).executeTakeFirst();
      if (!delivery) throw notFound(`webhook ${id} has no delivery ${deliveryId}`);
      const job = await trx.selectFrom('jobs').select('state').where('kind', '=', WEBHOOK_DELIVER).where('key', '=', deliveryId).executeTakeFirst();
      if (job?.state === 'running') throw conflict(`delivery ${deliveryId} is being attempted right now; look at it again in a few seconds`);
      if (job) {
        await trx
          .updateTable('jobs')
          .set({ state: 'queued', attempts: 0, run_at: now.toISOString(), last_error: null, finished_at: null, updated_at: now.toISOString() })
          .where('kind', '=', WEBHOOK_DELIVER)
          .where('key', '=', deliveryId)
          .execute();
      } else {
        await enqueue(trx, { kind: WEBHOOK_DELIVER, key: deliveryId, tenantId, payload: { deliveryId } }, now);
      }
      await trx.updateTable('webhook_deliveries').set({ status: 'pending' }).where('id', '=', deliveryId).execute();
    });
    this.options.onQueued?.();
    return deliveryViewOf((await this.deliveryQuery().where('webhook_deliveries.id', '=', deliveryId).executeTakeFirst())!);
  }

  private deliveryQuery() {
    return this.db
      .selectFrom('webhook_deliveries')
      .leftJoin('jobs', (join) => join.on('jobs.kind', '=', WEBHOOK_DELIVER).onRef('jobs.key', '=', 'webhook_deliveries.id'))
      .selectAll('webhook_deliveries')
      .select(['jobs.state as job_state', 'jobs.run_at as job_run_at']);
  }

  private async row(tenantId: string, id: string): Promise<EndpointRow> {
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!row) throw notFound(`no webhook ${id}`);
    return row;
  }

  /** https:// (or http:// where private networks are allowed), no credentials, and no internal address. */
  private async checkUrl(raw: string): Promise<void> {
    const url = new URL(raw);
    const refuse = (message: string) => badRequest(`Invalid webhook url: ${message}`, [{ path: 'url', message }]);
    const { allowPrivateNetworks } = this.options.settings;
    if (url.protocol !== 'https:' && !(allowPrivateNetworks && url.protocol === 'http:')) {
      throw refuse(allowPrivateNetworks ? 'use an http:// or https:// URL' : 'use an https:// URL (http:// only where WEBHOOK_ALLOW_PRIVATE_NETWORKS=true)');
    }
    if (url.username || url.password) throw refuse('credentials in the URL are not allowed; authenticate the sender by its signature');
    if (allowPrivateNetworks) return;
    try {
      await assertPublicHost(url.hostname, this.options.resolve);
    } catch (error) {
      if (error instanceof ForbiddenAddressError) throw refuse(error.message);
      throw refuse(`${url.hostname} does not resolve (${(error as Error).message})`);
    }
  }
}

const unique = <T>(list: T[]) => [...new Set(list)];

function viewOf(row: EndpointRow): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as SessionEventType[],
    description: row.description,
    status: row.status,
    disabledAt: row.disabled_at,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function deliveryViewOf(row: DeliveryRow & { job_state: string | null; job_run_at: string | null }): DeliveryView {
  const waiting = (row.status === 'pending' || row.status === 'retrying') && (row.job_state === 'queued' || row.job_state === 'failed');
  return {
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    sessionId: row.session_id,
    status: row.status,
    attempts: Number(row.attempts),
    responseStatus: row.response_status === null ? null : Number(row.response_status),
    lastError: row.last_error,
    durationMs: row.duration_ms === null ? null : Number(row.duration_ms),
    createdAt: row.created_at,
    firstAttemptAt: row.first_attempt_at,
    lastAttemptAt: row.last_attempt_at,
    deliveredAt: row.delivered_at,
    nextAttemptAt: waiting ? row.job_run_at : null,
  };
}
