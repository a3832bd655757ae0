import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { Hocuspocus } from '@hocuspocus/server';

/** What the server reports about itself to a benchmark that started it. */
export interface Diagnostics {
  type: 'diagnostics';
  id: unknown;
  /** Wall-clock time of the reading (ms). */
  at: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** CPU time the process used so far (user + system, ms). */
  cpuMs: number;
  /** Collaborative documents held in memory. */
  documents: number;
  /** Sync connections open on those documents. */
  connections: number;
  /** Whether a full garbage collection ran just before the reading. */
  collected: boolean;
  /** The heap snapshot written, when one was asked for. */
  heapSnapshot?: string;
}

/**
 * An opt-in probe for benchmarks: when the process was started by a parent with an IPC channel
 * and `DIAGNOSTICS_IPC=1`, a `{type: 'diagnostics', id, gc, heapSnapshotDir?}` message is answered
 * with memory, CPU time and document counts — after a forced full GC when `gc` is set and the
 * process runs with `--expose-gc` — and, with `heapSnapshotDir`, a heap snapshot written there.
 * Nothing listens on the network: only the parent process can ask.
 * Returns a function that stops answering.
 */
export function serveDiagnostics(sync: Hocuspocus, env: Record<string, string | undefined> = process.env): () => void {
  if (env.DIAGNOSTICS_IPC !== '1' || typeof process.send !== 'function') return () => {};
  const collect = (globalThis as { gc?: () => void }).gc;

  const onMessage = async (message: { type?: unknown; id?: unknown; gc?: unknown; heapSnapshotDir?: unknown }) => {
    if (message?.type !== 'diagnostics') return;
    const collected = Boolean(message.gc && collect);
    if (collected) {
      // Twice, with a turn of the event loop between: objects freed by the first pass's
      // finalizers (e.g. WeakRefs) go in the second.
      collect!();
      await new Promise((resolve) => setImmediate(resolve));
      collect!();
    }
    const memory = process.memoryUsage();
    const cpu = process.cpuUsage();
    let connections = 0;
    for (const document of sync.documents.values()) connections += document.getConnectionsCount();
    const reply: Diagnostics = {
      type: 'diagnostics',
      id: message.id,
      at: Date.now(),
      rss: memory.rss,
      heapUsed: memory.heapUsed,
      heapTotal: memory.heapTotal,
      external: memory.external,
      arrayBuffers: memory.arrayBuffers,
      cpuMs: (cpu.user + cpu.system) / 1000,
      documents: sync.getDocumentsCount(),
      connections,
      collected,
    };
    if (typeof message.heapSnapshotDir === 'string') {
      reply.heapSnapshot = writeHeapSnapshot(join(message.heapSnapshotDir, `collab-${process.pid}-${reply.at}.heapsnapshot`));
    }
    process.send?.(reply);
  };
  process.on('message', onMessage);
  // The channel must not keep a server alive that was asked to stop.
  process.channel?.unref();
  return () => {
    process.off('message', onMessage);
  };
}
