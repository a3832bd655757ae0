import type { CollabQuotas, IceServer } from '../config/index.js';
import type { BoardLimits } from './board-quotas.js';
import type { SnapshotLimits } from './document-snapshots.js';

/** Limits and peer-to-peer settings of the collaboration endpoints. */
export interface CollabSettings {
  /** ICE servers handed to browsers; never public defaults. Empty: host candidates only (LAN, loopback). */
  iceServers: IceServer[];
  ticketTtlMs: number;
  sync: {
    maxFrameBytes: number;
    messagesPerSecond: number;
    burst: number;
    /** Sustained bytes a second per connection, and the burst above it. */
    bytesPerSecond: number;
    burstBytes: number;
    maxDocumentsPerSocket: number;
  };
  signaling: { maxFrameBytes: number; messagesPerSecond: number; burst: number; heartbeatMs: number };
  /** Bytes of client updates one document's history may hold. */
  docMaxBytes: number;
  /** Files a project of the shared document may hold, its entry included. */
  docMaxFiles: number;
  /** Largest awareness state one client may publish. */
  awarenessMaxBytes: number;
  /** What one session's whiteboard may hold. */
  board: BoardLimits;
  /** Fold a document's log into a snapshot after this many updates. */
  compactEvery: number;
  /** The shared document's state handed out with each collaboration ticket. */
  ticketSnapshot: SnapshotLimits;
}

/** The collaboration settings: the configured ICE servers and quotas, everything else fixed defaults. */
export function collabSettings(iceServers: IceServer[], quotas: CollabQuotas): CollabSettings {
  return {
    iceServers,
    ticketTtlMs: 30_000,
    sync: {
      maxFrameBytes: 1024 * 1024,
      messagesPerSecond: 200,
      burst: 1000,
      bytesPerSecond: quotas.bytesPerSecond,
      burstBytes: quotas.burstBytes,
      maxDocumentsPerSocket: 2,
    },
    signaling: { maxFrameBytes: 64 * 1024, messagesPerSecond: 50, burst: 200, heartbeatMs: 30_000 },
    docMaxBytes: quotas.docMaxBytes,
    docMaxFiles: quotas.docMaxFiles,
    awarenessMaxBytes: quotas.awarenessMaxBytes,
    board: { maxShapes: quotas.boardMaxShapes, maxPoints: quotas.boardMaxPoints },
    compactEvery: 500,
    ticketSnapshot: { maxBytes: 256 * 1024, holdMs: 15_000, maxHeld: 1_000 },
  };
}
