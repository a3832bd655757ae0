import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Config } from '../config/index.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { HttpProblem, PROBLEM_TYPES, unauthorized } from '../problem.js';
import { serveDiagnostics } from './diagnostics.js';
import { parseDocumentName } from './documents.js';
import { changesNothing } from './presence.js';
import type { CollabServices } from './services.js';
import { SignalingHub } from './signaling.js';
import { CloseCode, FrameViolation, guardSocket, RECONNECT_REASON } from './socket-guard.js';
import { socketContext, watchSocket } from './socket-control.js';
import { settleUnattended } from './server-writes.js';
import { readSyncFrame, rememberFrame } from './sync-frames.js';
import { UpgradeGate } from './upgrade-gate.js';
import { ConsoleHub } from './console/console-hub.js';
import { CONSOLE_MAX_FRAME_BYTES, CONSOLE_PATH } from '@interview-kit/core/console/protocol';
import type { RunService } from '../services/runs/index.js';
import type { SessionService } from '../services/sessions.js';
import type { SessionLifecycle } from '../services/lifecycle.js';
import { refuseUpgrade } from './upgrade-refusal.js';
import { batchWrites } from './write-batching.js';

/** How long closing waits for open documents to run their store hook (compaction) and unload. */
const UNLOAD_BUDGET_MS = 10_000;

export const SYNC_PATH = '/v1/collab';
export const SIGNALING_PATH = '/v1/signal';

/**
 * Attaches the WebSocket endpoints to the HTTP server: `/v1/collab` (Yjs sync through Hocuspocus,
 * see `sync.ts`), `/v1/signal` (y-webrtc signaling, see `signaling.ts`) and `/v1/runs/interactive`
 * (the interactive console, see `console/console-hub.ts`). Every upgrade first
 * passes the connection caps (`upgrade-gate.ts`); a sync socket must authenticate within
 * `WS_AUTH_TIMEOUT_MS` (`socket-control.ts`). Returns a closer that closes every socket with the
 * reconnect code (1012, see `CloseCode.reconnect`: clients reconnect, through the load balancer to
 * another instance when several run), lets documents be stored and leave memory, and waits for
 * pending writes.
 */
export function attachCollabEndpoints(
  server: Server,
  {
    collab,
    logger,
    config,
    metrics: appMetrics,
    runs,
    sessions,
    lifecycle,
  }: { collab: CollabServices; logger: Logger; config: Config; metrics: Metrics; runs: RunService; sessions: SessionService; lifecycle: SessionLifecycle },
): () => Promise<void> {
  const { settings, store, tickets, metrics, sync: hocuspocus } = collab;
  const gate = new UpgradeGate(config.sockets, config.trustProxy, appMetrics.registry);
  const syncSockets = new WebSocketServer({ noServer: true, maxPayload: settings.sync.maxFrameBytes });
  const signalSockets = new WebSocketServer({ noServer: true, maxPayload: settings.signaling.maxFrameBytes });
  const consoleSockets = new WebSocketServer({ noServer: true, maxPayload: CONSOLE_MAX_FRAME_BYTES });
  const consoles = new ConsoleHub({
    sessions,
    runs,
    lifecycle,
    onViolation: (reason) => {
      metrics.refusedFrames.inc({ endpoint: 'console' });
      logger.debug('console socket closed', { reason });
    },
  });
  const hub = new SignalingHub(
    settings.signaling,
    (reason) => {
      metrics.refusedFrames.inc({ endpoint: 'signal' });
      logger.debug('signaling socket closed', { reason });
    },
    collab.cluster,
  );

  const acceptSync = (ws: WebSocket, request: IncomingMessage, socket: Duplex) => {
    ws.on('error', () => ws.terminate());
    batchWrites(ws, socket);
    const documents = new Set<string>();
    guardSocket(ws, {
      binary: true,
      messagesPerSecond: settings.sync.messagesPerSecond,
      burst: settings.sync.burst,
      bytesPerSecond: settings.sync.bytesPerSecond,
      burstBytes: settings.sync.burstBytes,
      onViolation: (code, reason) => {
        metrics.refusedFrames.inc({ endpoint: 'collab' });
        logger.debug('sync socket closed', { code, reason });
      },
      inspect: (data) => {
        const frame = readSyncFrame(data);
        if (!parseDocumentName(frame.documentName)) throw new FrameViolation(CloseCode.policyViolation, 'unknown document');
        documents.add(frame.documentName);
        if (documents.size > settings.sync.maxDocumentsPerSocket) {
          throw new FrameViolation(CloseCode.policyViolation, 'too many documents on one socket');
        }
        // The stock provider's echoes of states the document already holds go no further.
        const awareness = frame.awareness && hocuspocus.documents.get(frame.documentName)?.awareness;
        if (awareness && changesNothing(awareness, frame.awareness!)) return false;
        rememberFrame(data, frame);
      },
    });
    const control = watchSocket(ws, {
      timeoutMs: config.sockets.authTimeoutMs,
      onTimeout: () => gate.authTimedOut(),
    });
    hocuspocus.handleConnection(ws, request, socketContext(control));
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (!gate.admit(request, socket)) return;
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === SYNC_PATH) {
      syncSockets.handleUpgrade(request, socket, head, (ws) => acceptSync(ws, request, socket));
    } else if (pathname === SIGNALING_PATH) {
      // Tickets may live in Redis (several instances): redeemed once, on whichever instance this is.
      tickets.redeem(searchParams.get('ticket') ?? '').then(
        (holder) => {
          if (!holder) return refuseUpgrade(socket, unauthorized('a valid one-time ticket from POST /v1/sessions/:id/collab-ticket is required'));
          signalSockets.handleUpgrade(request, socket, head, (ws) => hub.accept(ws, holder));
        },
        (error: Error) => {
          logger.error('a signaling ticket could not be redeemed', { error: error.message });
          refuseUpgrade(socket, new HttpProblem(503, 'signaling tickets cannot be checked right now; retry', { type: PROBLEM_TYPES.unavailable }));
        },
      );
    } else if (pathname === CONSOLE_PATH) {
      collab.consoleTickets
        .redeem(searchParams.get('ticket') ?? '')
        .then((holder) => holder && consoles.guest(holder))
        .then(
          (guest) => {
            if (!guest) return refuseUpgrade(socket, unauthorized('a valid one-time ticket from POST /v1/sessions/:id/console-tickets is required'));
            consoleSockets.handleUpgrade(request, socket, head, (ws) => consoles.accept(ws, guest));
          },
          (error: Error) => {
            logger.error('a console ticket could not be redeemed', { error: error.message });
            refuseUpgrade(socket, new HttpProblem(503, 'console tickets cannot be checked right now; retry', { type: PROBLEM_TYPES.unavailable }));
          },
        );
    } else {
      refuseUpgrade(socket, new HttpProblem(404, 'no WebSocket endpoint here', { type: PROBLEM_TYPES.notFound }));
    }
  };
  server.on('upgrade', onUpgrade);
  const stopDiagnostics = serveDiagnostics(hocuspocus);

  return async () => {
    server.off('upgrade', onUpgrade);
    stopDiagnostics();
    hub.close();
    consoles.close();
    for (const ws of syncSockets.clients) ws.close(CloseCode.reconnect, RECONNECT_REASON);
    // A client that does not answer the close within a moment is cut off.
    const stragglers = setTimeout(() => {
      for (const ws of [...syncSockets.clients, ...signalSockets.clients, ...consoleSockets.clients]) ws.terminate();
    }, 500);
    // Documents loaded for tickets' snapshots are let go like the connections.
    await collab.snapshots.close();
    // Closed connections make Hocuspocus run its store hook (compaction) and unload documents;
    // documents nobody was connected to (written by the server since) run theirs now.
    for (const name of hocuspocus.documents.keys()) settleUnattended(hocuspocus, name);
    const deadline = Date.now() + UNLOAD_BUDGET_MS;
    while ((hocuspocus.getDocumentsCount() > 0 || hocuspocus.unloadingDocuments.size > 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    clearTimeout(stragglers);
    for (const ws of [...syncSockets.clients, ...signalSockets.clients, ...consoleSockets.clients]) ws.terminate();
    // Every accepted update is stored already; what a slow store hook had left is its compaction.
    // Documents still open past the budget are let go, so no document (nor its awareness timer)
    // outlives the server and its database.
    for (const [name, document] of hocuspocus.documents) {
      hocuspocus.documents.delete(name);
      document.destroy();
    }
    await store.idle();
    syncSockets.close();
    signalSockets.close();
    consoleSockets.close();
  };
}
