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
 * instance accepted. Its debounced store hook takes a Redis lock, so one instance at a time
 * compacts a document.
 *
 * What it cannot see: a server write (a run record, the session's state, a seed) made on an
 * instance that does not hold the document open. {@link relay} sends such a write, already
 * stored, to the instances that hold it, as a sync step 2 on the document's channel: they apply
 * it with the Redis origin, and their clients receive it.
 */
export class DocumentRelay extends RedisExtension {
  constructor(cluster: Cluster) {
    super({
      createClient: () => cluster.connect()!,
      identifier: cluster.instanceId,
      prefix: `${REDIS_PREFIX}:doc`,
    });
  }

  /** Sends a server write of `documentName` (stored already) to the instances holding it open. */
  relay(documentName: string, update: Uint8Array): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, documentName);
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, SYNC_STEP_2);
    encoding.writeVarUint8Array(encoder, update);
    const message = Buffer.concat([this.messagePrefix, encoding.toUint8Array(encoder)]);
    this.pub.publish(`${this.configuration.prefix}:${documentName}`, message).catch(() => {
      // Stored already: an instance that missed it shows it when the document next loads.
    });
  }

  /** The Redis connections close with the cluster (`Cluster.close`), after the documents are stored. */
  override async onDestroy(): Promise<void> {}
}
