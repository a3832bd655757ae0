import type { IntegritySignals } from '../integrity/signals.js';
import type { Hocuspocus } from '@hocuspocus/server';
import type { FieldCipher } from '../adapters/crypto/field-cipher.js';
import type { Db } from '../adapters/db/database.js';
import type { CollabQuotas, IceServer } from '../config/index.js';
import type { Logger } from '../logger.js';
import type { SessionLifecycle } from '../services/lifecycle.js';
import { Counter, readGauge, type Registry } from '../metrics.js';
import type { SessionRecord, SessionService } from '../services/sessions.js';
import type { TokenSigner } from '../services/tokens.js';
import { DocumentQuotas } from './document-quotas.js';
import { PresenceRules } from './presence.js';
import { RunRecords } from './run-records.js';
import { SessionStatusCache } from './session-status.js';
import { collabSettings, type CollabSettings } from './settings.js';
import { documentName } from './documents.js';
import { DocumentSnapshots } from './document-snapshots.js';
import { hasCode, seedUpdate } from './extensions/persistence.js';
import { applyAsServer, readAsServer, relayServerWrites } from './server-writes.js';
import type { Cluster } from '../scale-out/cluster.js';
import { DocumentRelay } from '../scale-out/document-relay.js';
import { followSessionStatus } from '../scale-out/status-bus.js';
import { participantsPresent, SharedPresence } from '../scale-out/shared-presence.js';
import { SharedSessionWriter } from './shared-session.js';
import { createSyncServer, followStatus } from './sync.js';
import { CollabStore } from './store.js';
import { TicketBook, type Tickets } from './tickets.js';
import { RedisTickets } from '../scale-out/redis-tickets.js';

/** The collaboration layer's parts, built once by the composition root. */
export interface CollabServices {
  settings: CollabSettings;
  store: CollabStore;
  /** Whether sessions still accept edits, without a database read per update. */
  statuses: SessionStatusCache;
  /** One-time signaling tickets: in Redis with several instances, else in this process. */
  tickets: Tickets;
  /**
   * One-time tickets of the interactive console (`/v1/runs/interactive`), kept apart from the
   * signaling ones: in this process, like the console's rooms (see `console/console-hub.ts`).
   */
  consoleTickets: Tickets;
  /** The other instances (or none): signaling fans out through it. */
  cluster: Cluster | undefined;
  /** The sync server (Hocuspocus); WebSocket connections reach it through `endpoints.ts`. */
  sync: Hocuspocus;
  /** Publishes finished runs into the shared documents (the composition root feeds it). */
  runRecords: RunRecords;
  /** Writes each session's lifecycle into its shared document (`Y.Map('session')`). */
  sharedSession: SharedSessionWriter;
  /**
   * Follows a move to another question (`SessionQuestions.onMove`): an open shared document gets
   * the new coding question's starter code in its own slot if it has none yet (a document not in
   * memory gets it when it loads), then the new current question in `Y.Map('session')`.
   */
  followQuestion(session: SessionRecord): Promise<void>;
  /** The participants connected to the session's shared document, on every instance (`autoStart`). */
  present(sessionId: string): Promise<ReadonlySet<string>>;
  /** The shared document's state for collaboration tickets; each loaded document is kept for the socket that follows. */
  snapshots: DocumentSnapshots;
  metrics: { refusedFrames: Counter };
}

export interface CollabDeps {
  db: Db;
  tokens: TokenSigner;
  sessions: SessionService;
  lifecycle: SessionLifecycle;
  iceServers: IceServer[];
  quotas: CollabQuotas;
  registry: Registry;
  logger: Logger;
  /** Seals documents at rest (`DATA_ENCRYPTION_KEY`); default: stored in clear. */
  cipher?: FieldCipher;
  integrity: IntegritySignals;
  /** The other instances (`REDIS_URL`); default: this one alone. */
  cluster?: Cluster;
}

/**
 * Builds the collaboration services. When a session's state changes, its open documents follow at
 * once: writable when it goes live (seeded with the question if it was hidden until then),
 * read-only when it ends; and the shared document's `Y.Map('session')` gets the new state (status,
 * times, end reason), which every connected client receives.
 *
 * With several instances (a {@link Cluster} through Redis): documents are shared through
 * Hocuspocus' Redis extension ({@link DocumentRelay}); a state change is written into the shared
 * document once, by the instance that made it, and reaches rooms on the others through the
 * document; each instance's own connections follow it (read-only after the end) through the
 * status bus (`scale-out/status-bus.ts`).
 */
export function createCollabServices({ db, tokens, sessions, lifecycle, iceServers, quotas, registry, logger, cipher, integrity, cluster }: CollabDeps): CollabServices {
  const settings = collabSettings(iceServers, quotas);
  const statuses = new SessionStatusCache();
  const commitGroups = new Counter({ name: 'collab_commit_groups_total', help: 'Transactions that persisted document updates', registers: [registry] });
  const store = new CollabStore(db, {
    compactEvery: settings.compactEvery,
    statuses,
    cipher,
    onGroupCommitted: (stored) => {
      if (stored > 0) commitGroups.inc();
    },
  });
  const updates = new Counter({ name: 'collab_updates_total', help: 'Document updates persisted', registers: [registry] });
  const sharedSession = new SharedSessionWriter({ store, sessions, logger });
  const sharing = cluster?.redis ? new DocumentRelay(cluster) : undefined;
  const relay = sharing && ((name: string, update: Uint8Array) => sharing.relay(name, update));
  const sharedPresence = cluster?.redis ? new SharedPresence(cluster.redis, cluster.instanceId) : undefined;
  const sync = createSyncServer({
    tokens,
    sessions,
    lifecycle,
    logger,
    store,
    statuses,
    updates,
    sharedSession,
    quotas: new DocumentQuotas(settings.docMaxBytes),
    maxFiles: settings.docMaxFiles,
    presence: new PresenceRules(settings.awarenessMaxBytes),
    board: settings.board,
    integrity,
    sharing,
    sharedPresence,
    ...(relay ? { relay } : {}),
  });
  if (relay) relayServerWrites(sync, relay);
  readGauge(registry, 'collab_documents_in_memory', 'Collaborative documents loaded', () => sync.getDocumentsCount());
  // This instance's connections follow every change, made here or on another instance.
  const tellOthers = followSessionStatus(cluster, (sessionId, status) => {
    statuses.changed(sessionId, status);
    followStatus(sync, sessionId, status);
  });
  // A document opened while the question was hidden gets its starter code at the start.
  const seedCode = async (session: SessionRecord) => {
    const name = documentName(session.id, 'shared');
    const missing = await readAsServer(sync, store, name, (shared, known) => known && !hasCode(shared, session.question));
    if (missing) await applyAsServer(sync, store, session.id, name, seedUpdate(session.question));
  };
  lifecycle.onChange(({ session, from }) => {
    tellOthers(session.id, session.status);
    // An open document whose question was hidden until now gets its starter code at once; one
    // never opened is seeded when it loads (Persistence).
    if (from === 'scheduled' && session.status === 'live') {
      seedCode(session).catch((error: unknown) => logger.error('could not seed the started session', { sessionId: session.id, error }));
    }
    sharedSession.write(sync, session.id).catch((error: unknown) =>
      logger.error('could not write the session state into its shared document', { sessionId: session.id, status: session.status, error }),
    );
  });
  return {
    settings,
    store,
    statuses,
    tickets: cluster?.redis ? new RedisTickets(cluster.redis, settings.ticketTtlMs) : new TicketBook({ ttlMs: settings.ticketTtlMs }),
    consoleTickets: new TicketBook({ ttlMs: settings.ticketTtlMs }),
    cluster,
    sync,
    // Another instance may publish records into the same document: read its server writes from the log each time.
    runRecords: new RunRecords({ sync, store, keptDocuments: sharing ? 0 : undefined }),
    sharedSession,
    followQuestion: async (session) => {
      const hidden = session.revealQuestion === 'on-start' && session.status === 'scheduled';
      if (!hidden) await seedCode(session);
      await sharedSession.write(sync, session.id);
    },
    present: (sessionId) => participantsPresent(sync, sessionId, sharedPresence),
    snapshots: new DocumentSnapshots(sync, settings.ticketSnapshot),
    metrics: { refusedFrames: new Counter({ name: 'collab_refused_frames_total', help: 'WebSocket frames refused, by endpoint', labelNames: ['endpoint'], registers: [registry] }) },
  };
}
