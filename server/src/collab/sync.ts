import { Hocuspocus, type Connection, type Document } from '@hocuspocus/server';
import { canEdit, isPrivileged, type Role } from '@interview-kit/core/protocol';
import * as Y from 'yjs';
import type { AppContext } from '../context.js';
import { InvalidTokenError } from '../services/tokens.js';
import { SHARED, documentName, parseDocumentName } from './documents.js';
import type { CollabServices } from './index.js';
import { closeClientsOnLoadFailure } from './load-failure.js';
import { socketOf } from './socket-control.js';
import { frameOf } from './sync-frames.js';

/** What a sync connection knows about its participant after authentication. */
export interface SyncContext {
  sessionId: string;
  participantId: string;
  role: Role;
  name: string;
}

/**
 * A refusal of a Hocuspocus hook. Deliberately not an `Error`: Hocuspocus prints every thrown
 * value that has a `message` to the console, and refusals are routine, not faults. `reason` is
 * what the client's `onAuthenticationFailed` receives.
 */
class Refusal {
  constructor(readonly reason: string) {}
}

/**
 * The Yjs sync endpoint (Hocuspocus) with the product's rules:
 *
 * - `onAuthenticate` verifies the participant token from Hocuspocus' authentication message
 *   (never from the URL), binds the connection to its own session's documents, refuses the
 *   private document to candidates and observers, and makes observers and everyone after the
 *   session ended read-only (`connectionConfig.readOnly`, which Hocuspocus enforces by refusing
 *   their updates). When the session ends, open connections turn read-only at once
 *   ({@link stopEditing}, called on `SessionService.onEnded`).
 * - Persisted before acknowledged: Hocuspocus applies an incoming update and sends the
 *   acknowledgement (`SyncStatus`) synchronously right after `beforeHandleMessage` resolves, and
 *   its `onChange`/`onStoreDocument` hooks run later and debounced. So the update is appended to
 *   the log inside `beforeHandleMessage`, and the hook resolves only once the database committed
 *   it (in a group with the other updates of the same loop turn, see `store.ts`). An update the
 *   client saw acknowledged is therefore on disk; a failing append rejects the hook, and
 *   Hocuspocus then drops the message without applying or acknowledging it.
 * - Awareness (cursors, names) is relayed, never stored: only document updates reach the log.
 * - New documents are loaded from snapshot + log; a shared document with no history is seeded
 *   with the question's starter code and language (written to the log too, as the server's).
 *   A document that fails to load (a full disk refusing the seed) is refused to its client with
 *   the reason, and the socket closed with it ({@link closeClientsOnLoadFailure}).
 * - Documents leave memory when their last connection closes (Hocuspocus' `unloadImmediately`);
 *   the log is compacted into a snapshot then.
 */
export function createSyncServer(
  ctx: AppContext,
  { store, metrics, statuses }: Pick<CollabServices, 'store' | 'metrics' | 'statuses'>,
): Hocuspocus {
  return new Hocuspocus({
    name: 'interview-kit',
    quiet: true,
    // Persistence happens per update (above); the debounced store hook only compacts. While people
    // type, the store already compacts every `compactEvery` updates, so the hook waits for a
    // minute's pause, or for the last client to leave (Hocuspocus runs a pending hook then).
    debounce: 60_000,
    maxDebounce: 600_000,
    unloadImmediately: true,

    async onAuthenticate({ token, documentName, connectionConfig, context }) {
      const target = parseDocumentName(documentName);
      if (!target) throw new Refusal('unknown-document');
      let claims;
      try {
        claims = await ctx.tokens.verify(token);
      } catch (error) {
        if (error instanceof InvalidTokenError) throw new Refusal('unauthorized');
        throw error;
      }
      if (claims.sid !== target.sessionId) throw new Refusal('forbidden');
      const session = await ctx.sessions.find(target.sessionId);
      const participant = session?.participants.find((p) => p.id === claims.sub);
      if (!session || !participant || participant.role !== claims.role) throw new Refusal('unauthorized');
      if (target.kind === 'private' && !isPrivileged(participant.role)) throw new Refusal('forbidden');
      statuses.remember(session.id, session.status);
      connectionConfig.readOnly = !canEdit(participant.role) || statuses.get(session.id) === 'ended';
      socketOf(context)?.authenticated();
      return { sessionId: session.id, participantId: participant.id, role: participant.role, name: participant.name } satisfies SyncContext;
    },

    onLoadDocument: closeClientsOnLoadFailure(ctx.logger, async ({ document, documentName }) => {
      const target = parseDocumentName(documentName)!;
      const updates = await store.load(documentName);
      for (const update of updates) Y.applyUpdate(document, update);
      if (updates.length === 0 && target.kind === 'shared') {
        const seed = await seedUpdate(ctx, target.sessionId);
        if (seed) {
          await store.append(target.sessionId, documentName, null, seed);
          Y.applyUpdate(document, seed);
        }
      }
    }),

    async beforeHandleMessage({ connection, update: data, document, context }) {
      const frame = frameOf(data);
      if (!frame.update || connection.readOnly) return;
      if (Y.snapshotContainsUpdate(Y.snapshot(document), frame.update)) return;
      const { sessionId, participantId } = context as SyncContext;
      const seq = await store.append(sessionId, document.name, participantId, frame.update);
      if (seq === undefined) {
        // The session ended (through another server) since these connections opened: from now on
        // everyone reads only. Hocuspocus then refuses this update too.
        makeReadOnly(document);
        return;
      }
      metrics.updates.inc();
    },

    async onStoreDocument({ documentName }) {
      await store.compact(documentName);
    },

    async afterUnloadDocument({ documentName: unloaded, instance }) {
      store.forget(unloaded);
      const { sessionId } = parseDocumentName(unloaded)!;
      if (!inMemory(instance, sessionId)) statuses.forget(sessionId);
    },
  });
}

function makeReadOnly(document: Document): void {
  document.getConnections().forEach((connection: Connection) => {
    connection.readOnly = true;
  });
}

/** The session's documents held in memory. */
function sessionDocuments(sync: Hocuspocus, sessionId: string): Document[] {
  return (['shared', 'private'] as const).flatMap((kind) => sync.documents.get(documentName(sessionId, kind)) ?? []);
}

function inMemory(sync: Hocuspocus, sessionId: string): boolean {
  return sessionDocuments(sync, sessionId).length > 0;
}

/** Makes every connection to the session's documents read-only at once (the session ended). */
export function stopEditing(sync: Hocuspocus, sessionId: string): void {
  sessionDocuments(sync, sessionId).forEach(makeReadOnly);
}

/** The starter code and language of the session's question, as a Yjs update. */
async function seedUpdate(ctx: AppContext, sessionId: string): Promise<Uint8Array | undefined> {
  const session = await ctx.sessions.find(sessionId);
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
