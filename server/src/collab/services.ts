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
import { hasCode, seedUpdate } from './extensions/persistence.js';
import { applyAsServer } from './server-writes.js';
import { SharedSessionWriter } from './shared-session.js';
import { createSyncServer, followStatus } from './sync.js';
import { CollabStore } from './store.js';
import { TicketBook } from './tickets.js';

/** The collaboration layer's parts, built once by the composition root. */
export interface CollabServices {
  settings: CollabSettings;
  store: CollabStore;
  /** Whether sessions still accept edits, without a database read per update. */
  statuses: SessionStatusCache;
  tickets: TicketBook;
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
}

/**
 * Builds the collaboration services. When a session's state changes, its open documents follow at
 * once: writable when it goes live (seeded with the question if it was hidden until then),
 * read-only when it ends; and the shared document's `Y.Map('session')` gets the new state (status,
 * times, end reason), which every connected client receives.
 */
export function createCollabServices({ db, tokens, sessions, lifecycle, iceServers, quotas, registry, logger, cipher, integrity }: CollabDeps): CollabServices {
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
    presence: new PresenceRules(settings.awarenessMaxBytes),
    integrity,
  });
  readGauge(registry, 'collab_documents_in_memory', 'Collaborative documents loaded', () => sync.getDocumentsCount());
  lifecycle.onChange(({ session, from }) => {
    statuses.changed(session.id, session.status);
    followStatus(sync, session.id, session.status);
    // An open document whose question was hidden until now gets its starter code at once; one not
    // in memory is seeded when it loads (Persistence).
    const shared = sync.documents.get(documentName(session.id, 'shared'));
    if (from === 'scheduled' && session.status === 'live' && shared && !hasCode(shared, session.question)) {
      applyAsServer(sync, store, session.id, shared.name, seedUpdate(session.question)).catch((error: unknown) =>
        logger.error('could not seed the started session', { sessionId: session.id, error }),
      );
    }
    sharedSession.write(sync, session.id).catch((error: unknown) =>
      logger.error('could not write the session state into its shared document', { sessionId: session.id, status: session.status, error }),
    );
  });
  return {
    settings,
    store,
    statuses,
    tickets: new TicketBook({ ttlMs: settings.ticketTtlMs }),
    sync,
    runRecords: new RunRecords({ sync, store }),
    sharedSession,
    followQuestion: async (session) => {
      const shared = sync.documents.get(documentName(session.id, 'shared'));
      const hidden = session.revealQuestion === 'on-start' && session.status === 'scheduled';
      if (shared && !hidden && !hasCode(shared, session.question)) await applyAsServer(sync, store, session.id, shared.name, seedUpdate(session.question));
      await sharedSession.write(sync, session.id);
    },
    metrics: { refusedFrames: new Counter({ name: 'collab_refused_frames_total', help: 'WebSocket frames refused, by endpoint', labelNames: ['endpoint'], registers: [registry] }) },
  };
}
