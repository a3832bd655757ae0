import type {
  Extension,
  beforeHandleMessagePayload,
  afterUnloadDocumentPayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import { projectFilesOf } from '@interview-kit/core/collab/project';
import type { DecodedUpdate } from '@interview-kit/core/collab/owned';
import { codeNamesOf } from '@interview-kit/core/collab/structure';
import { starterProjectOf } from '../../questions/question-projects.js';
import type { SessionQuestion } from '../../services/session-record.js';
import * as Y from 'yjs';
import type { Logger } from '../../logger.js';
import type { Counter } from '../../metrics.js';
import type { SessionService } from '../../services/sessions.js';
import { SHARED, parseDocumentName } from '../documents.js';
import { closeClientsOnLoadFailure } from '../load-failure.js';
import type { SessionStatusCache } from '../session-status.js';
import type { DocumentQuotas } from '../document-quotas.js';
import type { CollabStore } from '../store.js';
import type { UpdateRelay } from '../server-writes.js';
import type { SharedSessionWriter } from '../shared-session.js';
import { frameOf } from '../sync-frames.js';
import type { SyncContext } from './authentication.js';
import { makeReadOnly, sessionDocuments } from './read-only.js';
import { dropMessage, refuseMessage, socketRefused } from './refusal.js';

export interface PersistenceDeps {
  logger: Logger;
  store: CollabStore;
  sessions: SessionService;
  statuses: SessionStatusCache;
  /** The cap on what clients store per document. */
  quotas: DocumentQuotas;
  /** Counts every persisted update. */
  updates: Counter;
  /** Writes the session's lifecycle into its shared document, also as it loads. */
  sharedSession: SharedSessionWriter;
  /** Hands each stored update to the other instances holding the document (several instances); none alone. */
  relay?: UpdateRelay;
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
 *   drops the message without applying or acknowledging it. With several instances the stored
 *   update is then handed to the others holding the document (`relay`) before the hook resolves,
 *   so an acknowledged edit is on its way to them even if this instance dies right after.
 * - Awareness (cursors, names) is relayed, never stored: only document updates reach the log.
 * - An update that would take the client-written part of the document's history past its cap
 *   ({@link DocumentQuotas}) is refused whole: not applied, not stored, the socket closed with
 *   the reason.
 * - New documents are loaded from snapshot + log; a shared document without code yet (no history,
 *   or only run records the server wrote before anyone opened it) is seeded with the question's
 *   starter code and language (written to the log too, as the server's), unless its question is
 *   revealed only at the start, which seeds it then. A shared document also gets the session's
 *   lifecycle (`Y.Map('session')`) when it differs from the session's state, in turn with the
 *   server's other writes of it (`shared-session.ts`). A document that fails to load (a full disk
 *   refusing the seed) is refused to its client with the reason, and the socket closed with it.
 * - The debounced store hook compacts the log into a snapshot; documents leave memory when their
 *   last connection closes.
 */
export class Persistence implements Extension {
  /** Loads (or seeds) a document; a load that fails closes its clients with the reason (`load-failure.ts`). */
  readonly onLoadDocument: (payload: onLoadDocumentPayload) => Promise<void>;

  constructor(private readonly deps: PersistenceDeps) {
    this.onLoadDocument = closeClientsOnLoadFailure(deps.logger, (payload) => this.load(payload));
  }

  private async load({ document, documentName, instance }: onLoadDocumentPayload): Promise<void> {
    const { sessionId, kind } = parseDocumentName(documentName)!;
    if (kind === 'private') return this.restore(document, documentName);
    await this.deps.sharedSession.loading(instance, document, sessionId, async () => {
      await this.restore(document, documentName);
      const session = await this.deps.sessions.find(sessionId);
      // A question revealed only at the start is seeded at the start (see `collab/services.ts`).
      const seeds = session && !hasCode(document, session.question) && !(session.revealQuestion === 'on-start' && session.status === 'scheduled');
      return { session, seed: seeds ? seedUpdate(session.question) : undefined };
    });
  }

  /** Applies the document's stored history (snapshot and log) and counts its client-written bytes. */
  private async restore(document: Y.Doc, documentName: string): Promise<void> {
    const [updates, clientBytes] = await Promise.all([this.deps.store.load(documentName), this.deps.store.clientBytes(documentName)]);
    this.deps.quotas.loaded(documentName, clientBytes);
    for (const update of updates) Y.applyUpdate(document, update);
  }

  async beforeHandleMessage({ connection, update: data, document, context }: beforeHandleMessagePayload): Promise<void> {
    const frame = frameOf(data);
    if (!frame.update || connection.readOnly) return;
    // Nothing more is stored from a socket refused a moment ago.
    if (socketRefused(connection)) return dropMessage();
    if (alreadyHeld(document, frame.update, frame.decoded)) return;
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
    await this.deps.relay?.(document.name, frame.update);
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
}

/**
 * Whether `document` already holds everything `update` brings (a client re-sending what it sent
 * before a reconnect): then there is nothing to store. An update with content past the document's
 * clock for its client (every keystroke) is new at a glance; only the others are compared with a
 * snapshot of the document, which walks the whole document.
 */
function alreadyHeld(document: Y.Doc, update: Uint8Array, decoded: DecodedUpdate | undefined): boolean {
  const beyond = (struct: DecodedUpdate['structs'][number]) => !(struct instanceof Y.Skip) && struct.id.clock + struct.length > Y.getState(document.store, struct.id.client);
  if (decoded?.structs.some(beyond)) return false;
  return Y.snapshotContainsUpdate(Y.snapshot(document), update);
}

/**
 * The client id of the server's seed of the code in slot 0; slot n's is this plus n. The same
 * question always gives the same update, so seeding twice changes nothing.
 */
const SEED_CLIENT_ID = 1;

/** Whether the document holds the code of `question` (its slot's text) already. */
export function hasCode(document: Y.Doc, question: Pick<SessionQuestion, 'slot'>): boolean {
  return document.share.has(codeNamesOf(question.slot ?? 0).code);
}

/**
 * The starter code and language of a question, in its code slot (`code` and `language` for slot
 * 0, `code.n` and `language.n` for slot n), and its starter files in the slot's files map
 * (`files`, `files.n`), as a Yjs update. Deterministic (a fixed client id per
 * slot), so a document seeded twice, say at load and at the start, still holds the starter code once.
 */
export function seedUpdate(question: Pick<SessionQuestion, 'language' | 'starterCode' | 'starterFiles' | 'slot'>): Uint8Array {
  const slot = question.slot ?? 0;
  const names = codeNamesOf(slot);
  const starter = starterProjectOf(question);
  const doc = new Y.Doc();
  doc.clientID = SEED_CLIENT_ID + slot;
  try {
    doc.transact(() => {
      doc.getMap(SHARED.meta).set(names.language, question.language);
      doc.getText(names.code).insert(0, starter.code);
      const files = projectFilesOf(doc, slot);
      for (const file of starter.files) files.set(file.path, new Y.Text(file.content));
    });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}
