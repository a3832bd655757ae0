import { Document, type Connection } from '@hocuspocus/server';
import * as encoding from 'lib0/encoding';
import { encodeAwarenessUpdate, type Awareness } from 'y-protocols/awareness';
import { MessageType } from './sync-frames.js';
import { atEndOfTurn } from './write-batching.js';

/** y-protocols' sync sub-type of a document update. */
const SYNC_UPDATE = 2;

/** The parts of Hocuspocus' `Document` that its broadcast uses (some are private in its types). */
interface BroadcastingDocument {
  readonly name: string;
  readonly isDestroyed: boolean;
  readonly awareness: Awareness;
  /** Per socket: the connection, and the awareness client ids it published. */
  readonly connections: Map<unknown, { clients: Set<number>; connection: Connection }>;
  readonly callbacks: { onUpdate(document: Document, origin: unknown, update: Uint8Array): void };
}

/** The awareness changes of one document within this loop turn. */
interface Gathered {
  clients: Set<number>;
  /** Where the changes came from: a connection's socket, or `null`/a string for the server's own. */
  origins: Set<unknown>;
}

const gathered = new Map<BroadcastingDocument, Gathered>();

/**
 * Awareness changed (a cursor moved, someone joined or left): keeps Hocuspocus' bookkeeping of
 * which client ids a connection published (their states leave with it), and gathers the change
 * for the end of the turn instead of encoding and sending it per connection at once.
 */
function gatherAwarenessChange(this: BroadcastingDocument, { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void {
  const publisher = this.connections.get(origin);
  if (publisher) {
    for (const id of added) publisher.clients.add(id);
    for (const id of removed) publisher.clients.delete(id);
  }
  let changes = gathered.get(this);
  if (!changes) {
    if (gathered.size === 0) atEndOfTurn(sendGatheredAwareness);
    gathered.set(this, (changes = { clients: new Set(), origins: new Set() }));
  }
  for (const id of added) changes.clients.add(id);
  for (const id of updated) changes.clients.add(id);
  for (const id of removed) changes.clients.add(id);
  changes.origins.add(origin);
}

function sendGatheredAwareness(): void {
  const documents = [...gathered];
  gathered.clear();
  for (const [document, changes] of documents) sendAwareness(document, changes);
}

/**
 * One awareness message per document and turn, holding the latest state of every client that
 * changed, encoded once and sent as the same bytes to every connection. A connection whose own
 * change is all the message holds is not sent it back (it has that state already).
 */
function sendAwareness(document: BroadcastingDocument, { clients, origins }: Gathered): void {
  if (document.isDestroyed || document.connections.size === 0) return;
  const known = [...clients].filter((id) => document.awareness.meta.has(id));
  if (known.length === 0) return;
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, document.name);
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(document.awareness, known));
  const message = encoding.toUint8Array(encoder);
  const onlyFrom = origins.size === 1 ? origins.values().next().value : undefined;
  for (const [socket, { connection }] of document.connections) {
    if (socket !== onlyFrom) connection.send(message);
  }
}

/**
 * A document update: Hocuspocus' `onUpdate` callback (its change and store hooks), then the same
 * bytes to every connection but the one it came from (`origin`, the connection whose message
 * applied it): that client made the update and has it, and learns it was stored from the
 * acknowledgement (`SyncStatus`) it gets for each update. Hocuspocus sends it back too, a third
 * of the frames of a three-person session. Updates the server makes go to everyone.
 */
function broadcastUpdate(this: BroadcastingDocument, update: Uint8Array, origin: unknown): void {
  this.callbacks.onUpdate(this as unknown as Document, origin, update);
  if (this.connections.size === 0) return;
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, this.name);
  encoding.writeVarUint(encoder, MessageType.sync);
  encoding.writeVarUint(encoder, SYNC_UPDATE);
  encoding.writeVarUint8Array(encoder, update);
  const message = encoding.toUint8Array(encoder);
  for (const { connection } of this.connections.values()) if (connection !== origin) connection.send(message);
}

/**
 * How documents reach their connections, at 500 sessions: Hocuspocus 3.4's `Document` encodes an
 * awareness change once per connection (the states' JSON included) as soon as it happens, and
 * copies a document update's message once per connection, its sender's included. Here a document
 * encodes each awareness change and each update once and hands every other connection the same
 * bytes; awareness changes of one turn leave together, at its end, in one message per document
 * (`atEndOfTurn`). What clients receive is what they received before, in fewer and cheaper
 * messages, less their own updates.
 *
 * Replaces the two private methods that Hocuspocus binds in `Document`'s constructor, so it
 * applies to documents created afterwards; it throws if a Hocuspocus version lacks them.
 */
export function encodeOncePerDocument(): void {
  const prototype = Document.prototype as unknown as Record<string, unknown>;
  if (prototype.handleUpdate === broadcastUpdate) return;
  if (typeof prototype.handleAwarenessUpdate !== 'function' || typeof prototype.handleUpdate !== 'function') {
    throw new Error("@hocuspocus/server's Document no longer has handleAwarenessUpdate and handleUpdate: review document-broadcast.ts");
  }
  prototype.handleAwarenessUpdate = gatherAwarenessChange;
  prototype.handleUpdate = broadcastUpdate;
}
