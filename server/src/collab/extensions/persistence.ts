import type {
  Extension,
  beforeHandleMessagePayload,
  afterUnloadDocumentPayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import * as Y from 'yjs';
import type { Counter } from '../../metrics.js';
import type { SessionService } from '../../services/sessions.js';
import { SHARED, parseDocumentName } from '../documents.js';
import type { SessionStatusCache } from '../session-status.js';
import type { DocumentQuotas } from '../document-quotas.js';
import type { CollabStore } from '../store.js';
import { frameOf } from '../sync-frames.js';
import type { SyncContext } from './authentication.js';
import { makeReadOnly, sessionDocuments } from './read-only.js';
import { dropMessage, refuseMessage, socketRefused } from './refusal.js';

export interface PersistenceDeps {
  store: CollabStore;
  sessions: SessionService;
  statuses: SessionStatusCache;
  /** The cap on what clients store per document. */
  quotas: DocumentQuotas;
  /** Counts every persisted update. */
  updates: Counter;
}

/**
 * Every update persisted before it is acknowledged, documents loaded from their stored history:
 *
 * - Hocuspocus applies an incoming update and sends the acknowledgement (`SyncStatus`)
 *   synchronously right after `beforeHandleMessage` resolves, and its `onChange`/`onStoreDocument`
 *   hooks run later and debounced. So the update is appended to the log inside
 *   `beforeHandleMessage`, and the hook resolves only once the database committed it (in a group
 *   with the other updates of the same loop turn, see `store.ts`). An update the client saw
 *   acknowledged is therefore on disk; a failing append rejects the hook, and Hocuspocus then
 *   drops the message without applying or acknowledging it.
 * - Awareness (cursors, names) is relayed, never stored: only document updates reach the log.
 * - An update that would take the client-written part of the document's history past its cap
 *   ({@link DocumentQuotas}) is refused whole: not applied, not stored, the socket closed with
 *   the reason.
 * - New documents are loaded from snapshot + log; a shared document without code yet (no history,
 *   or only run records the server wrote before anyone opened it) is seeded with the question's
 *   starter code and language (written to the log too, as the server's).
 * - The debounced store hook compacts the log into a snapshot; documents leave memory when their
 *   last connection closes.
 */
export class Persistence implements Extension {
  constructor(private readonly deps: PersistenceDeps) {}

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const target = parseDocumentName(documentName)!;
    const [updates, clientBytes] = await Promise.all([this.deps.store.load(documentName), this.deps.store.clientBytes(documentName)]);
    this.deps.quotas.loaded(documentName, clientBytes);
    for (const update of updates) Y.applyUpdate(document, update);
    if (!document.share.has(SHARED.code) && target.kind === 'shared') {
      const seed = await this.seedUpdate(target.sessionId);
      if (seed) {
        await this.deps.store.append(target.sessionId, documentName, null, seed);
        Y.applyUpdate(document, seed);
      }
    }
  }

  async beforeHandleMessage({ connection, update: data, document, context }: beforeHandleMessagePayload): Promise<void> {
    const frame = frameOf(data);
    if (!frame.update || connection.readOnly) return;
    // Nothing more is stored from a socket refused a moment ago.
    if (socketRefused(connection)) return dropMessage();
    if (Y.snapshotContainsUpdate(Y.snapshot(document), frame.update)) return;
    const { sessionId, participantId } = context as SyncContext;
    const bytes = frame.update.byteLength;
    if (!this.deps.quotas.reserve(document.name, bytes)) {
      return refuseMessage(connection, `document size limit reached: ${this.deps.quotas.maxBytes} bytes of edits (DOC_MAX_BYTES)`);
    }
    let seq: number | undefined;
    try {
      seq = await this.deps.store.append(sessionId, document.name, participantId, frame.update);
    } catch (error) {
      this.deps.quotas.release(document.name, bytes);
      throw error;
    }
    if (seq === undefined) {
      this.deps.quotas.release(document.name, bytes);
      // The session ended (through another server) since these connections opened: from now on
      // everyone reads only. Hocuspocus then refuses this update too.
      makeReadOnly(document);
      return;
    }
    this.deps.updates.inc();
  }

  async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    await this.deps.store.compact(documentName);
  }

  async afterUnloadDocument({ documentName, instance }: afterUnloadDocumentPayload): Promise<void> {
    this.deps.store.forget(documentName);
    this.deps.quotas.forget(documentName);
    const { sessionId } = parseDocumentName(documentName)!;
    if (sessionDocuments(instance, sessionId).length === 0) this.deps.statuses.forget(sessionId);
  }

  /** The starter code and language of the session's question, as a Yjs update. */
  private async seedUpdate(sessionId: string): Promise<Uint8Array | undefined> {
    const session = await this.deps.sessions.find(sessionId);
    if (!session) return undefined;
    const doc = new Y.Doc();
    try {
      doc.transact(() => {
        doc.getMap(SHARED.meta).set(SHARED.language, session.question.language);
        doc.getText(SHARED.code).insert(0, session.question.starterCode);
      });
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }
}
