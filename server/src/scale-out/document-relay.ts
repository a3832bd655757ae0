import { Redis as RedisExtension } from '@hocuspocus/extension-redis';
import * as encoding from 'lib0/encoding';
import type { Cluster } from './cluster.js';
import { REDIS_PREFIX } from './cluster.js';

/** Hocuspocus' message type for sync messages, and y-protocols' sync step 2 within them. */
const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;

/**
 * Collaborative documents shared between instances: Hocuspocus' Redis extension
 * (`@hocuspocus/extension-redis`), plus {@link relay} for the server's own writes.
 *
 * What the extension does: an instance that loads a document subscribes to its channel and asks
 * the others for their state; every change of an open document that did not come from Redis is
 * announced there (a sync step 1), and the instances holding it answer with what it lacks, so
 * they converge; awareness (cursors, names) travels the same way. Updates from Redis are applied
 * with the extension's own origin and never pass the connection hooks, so an instance stores only
 * the updates its own clients send (each once, in `Persistence`) and re-checks nothing another
 * instance accepted. Its store lock is not used (see {@link onStoreDocument}).
 *
 * What this class adds, {@link relay}: an update stored by this instance is published on the
 * document's channel as a sync step 2, and the instances holding the document apply it with the
 * Redis origin (their clients receive it; they store nothing). It is used for
 * - every client update, before it is acknowledged (`Persistence`): the extension announces a
 *   change only after it was applied and acknowledged, and an instance killed right then would
 *   leave an acknowledged edit stored but missing from the documents open elsewhere until they
 *   reload. Relayed first, an acknowledged edit is already on its way to them.
 * - every server write (a run record, the session's state, a seed), which may be made on an
 *   instance that does not hold the document open, where the extension sees no change at all.
 */
export class DocumentRelay extends RedisExtension {
  constructor(cluster: Cluster) {
    super({
      createClient: () => cluster.connect()!,
      identifier: cluster.instanceId,
      prefix: `${REDIS_PREFIX}:doc`,
    });
  }

  /**
   * Sends an update of `documentName` (stored already) to the instances holding it open; resolves
   * once Redis handed it to them. A failure is not the writer's: the update is stored, and an
   * instance that missed it shows it when the document next loads.
   */
  async relay(documentName: string, update: Uint8Array): Promise<void> {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentName);
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP_2);
    encoding.writeVarUint8Array(encoder, update);
    const message = Buffer.concat([this.messagePrefix, encoding.toUint8Array(encoder)]);
    await this.pub.publish(`${this.configuration.prefix}:${documentName}`, message).catch(() => 0);
  }

  /**
   * The extension announces each change that did not come from Redis (a sync step 1, answered by
   * the others with two more messages). Every change of an open document here is relayed already
   * ({@link relay}: each stored client update, each server write), and what a document got while
   * loading reaches the others in the sync the extension starts once it is loaded: announcing
   * again would only cost four Redis messages and two state-vector diffs per keystroke.
   */
  override async onChange(): Promise<void> {}

  /**
   * The extension locks a document in Redis for its store hook, so that one instance at a time
   * stores it, and fails the hook (Hocuspocus logs an error) on the others. Here storing is the
   * log's compaction, which the database already makes safe for several instances (an advisory
   * lock per document, `collab/store.ts`), and every update is stored as it is accepted: no lock,
   * no error on every pause.
   */
  override async onStoreDocument(): Promise<void> {}

  override async afterStoreDocument(): Promise<void> {}

  /** The Redis connections close with the cluster (`Cluster.close`), after the documents are stored. */
  override async onDestroy(): Promise<void> {}
}
