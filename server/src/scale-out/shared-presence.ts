import type { connectedPayload, Extension, Hocuspocus, onDisconnectPayload } from '@hocuspocus/server';
import type { Redis } from 'ioredis';
import { parseDocumentName } from '../collab/documents.js';
import type { SyncContext } from '../collab/extensions/authentication.js';
import { presentParticipants } from '../collab/extensions/read-only.js';
import { REDIS_PREFIX } from './cluster.js';

/** How long an instance's entry counts without being renewed (a killed instance's go after this). */
const ENTRY_TTL_MS = 60_000;

/**
 * Who is connected to each session's shared document, on every instance: what the `autoStart:
 * "all-joined"` rule asks (`SessionLifecycle.join`), whichever instance the joining participant
 * reaches. Each connection of this instance is an entry of a Redis sorted set per session
 * (`participant \n instance \n socket`, scored with its expiry), added when it connects and removed
 * when it closes; the entries of live connections are renewed every third of {@link ENTRY_TTL_MS},
 * so those of an instance that was killed lapse on their own.
 */
export class SharedPresence implements Extension {
  readonly #local = new Map<string, string>();
  readonly #renewal: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly instanceId: string,
    private readonly now: () => number = Date.now,
  ) {
    this.#renewal = setInterval(() => void this.#renew().catch(() => {}), ENTRY_TTL_MS / 3);
    this.#renewal.unref();
  }

  /** The participants connected to the session's shared document on any instance. */
  async present(sessionId: string): Promise<Set<string>> {
    const members = await this.redis.zrangebyscore(keyOf(sessionId), this.now(), '+inf');
    return new Set(members.map((member) => member.split('\n')[0]!));
  }

  async connected({ documentName, context, socketId }: connectedPayload): Promise<void> {
    if (parseDocumentName(documentName)?.kind !== 'shared') return;
    const { sessionId, participantId } = context as SyncContext;
    const member = `${participantId}\n${this.instanceId}\n${socketId}`;
    this.#local.set(member, sessionId);
    await this.redis.zadd(keyOf(sessionId), this.now() + ENTRY_TTL_MS, member).catch(() => 0);
  }

  async onDisconnect({ documentName, context, socketId }: onDisconnectPayload): Promise<void> {
    if (parseDocumentName(documentName)?.kind !== 'shared') return;
    const { sessionId, participantId } = context as SyncContext;
    const member = `${participantId}\n${this.instanceId}\n${socketId}`;
    this.#local.delete(member);
    await this.redis.zrem(keyOf(sessionId), member).catch(() => 0);
  }

  async onDestroy(): Promise<void> {
    clearInterval(this.#renewal);
  }

  async #renew(): Promise<void> {
    if (this.#local.size === 0) return;
    const expiry = this.now() + ENTRY_TTL_MS;
    const batch = this.redis.pipeline();
    for (const [member, sessionId] of this.#local) {
      batch.zadd(keyOf(sessionId), expiry, member);
      // Lapsed entries (of killed instances) go; the set itself goes with its last session's entries.
      batch.zremrangebyscore(keyOf(sessionId), '-inf', this.now());
      batch.pexpire(keyOf(sessionId), ENTRY_TTL_MS * 2);
    }
    await batch.exec();
  }
}

const keyOf = (sessionId: string) => `${REDIS_PREFIX}:present:${sessionId}`;

/** The participants connected to the session's shared document: on this instance, and with `shared` on every instance. */
export async function participantsPresent(sync: Hocuspocus, sessionId: string, shared?: SharedPresence): Promise<Set<string>> {
  const present = presentParticipants(sync, sessionId);
  for (const id of await (shared?.present(sessionId).catch(() => []) ?? [])) present.add(id);
  return present;
}
