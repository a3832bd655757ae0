import * as decoding from 'lib0/decoding';
import type { DecodedUpdate } from '@interview-kit/core/collab/owned';
import * as Y from 'yjs';

/** Hocuspocus' message types (the first number after the document name). */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  syncReply: 4,
  stateless: 5,
  broadcastStateless: 6,
  close: 7,
  syncStatus: 8,
} as const;

/** y-protocols' sync sub-types. */
const SyncStep = { step1: 0, step2: 1, update: 2 } as const;


/** One client's entry of an awareness update. */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state, parsed; `null` when the client leaves. */
  state: unknown;
  /** Size of the state's JSON text. */
  bytes: number;
}

/** What a sync-endpoint frame carries, read far enough to decide on it. */
export interface SyncFrame {
  documentName: string;
  type: number;
  /** The Yjs update of a sync step 2 or update message. */
  update?: Uint8Array;
  /** That update, decoded. */
  decoded?: DecodedUpdate;
  /** The entries of an awareness message. */
  awareness?: AwarenessEntry[];
}

/** A frame that does not follow the protocol; the socket that sent it is closed. */
export class MalformedFrameError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'MalformedFrameError';
  }
}

/**
 * Reads and validates one frame of the sync endpoint completely: document name, type, and for
 * document updates the update's own encoding, so that nothing malformed reaches Yjs or the log.
 * @throws {MalformedFrameError}
 */
export function readSyncFrame(data: Uint8Array): SyncFrame {
  try {
    const decoder = decoding.createDecoder(data);
    const documentName = decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    const frame: SyncFrame = { documentName, type };
    switch (type) {
      case MessageType.sync:
      case MessageType.syncReply: {
        const step = decoding.readVarUint(decoder);
        if (step === SyncStep.step1) {
          decoding.readVarUint8Array(decoder);
        } else if (step === SyncStep.step2 || step === SyncStep.update) {
          frame.update = decoding.readVarUint8Array(decoder);
          frame.decoded = Y.decodeUpdate(frame.update);
        } else {
          throw new MalformedFrameError(`unknown sync step ${step}`);
        }
        break;
      }
      case MessageType.awareness: {
        frame.awareness = readAwarenessUpdate(decoding.readVarUint8Array(decoder));
        break;
      }
      case MessageType.auth: {
        decoding.readVarUint(decoder);
        decoding.readVarString(decoder);
        break;
      }
      case MessageType.stateless:
      case MessageType.broadcastStateless:
        decoding.readVarString(decoder);
        break;
      case MessageType.queryAwareness:
      case MessageType.close:
        break;
      default:
        throw new MalformedFrameError(`unknown message type ${type}`);
    }
    if (decoding.hasContent(decoder)) throw new MalformedFrameError('trailing bytes after the message');
    return frame;
  } catch (error) {
    if (error instanceof MalformedFrameError) throw error;
    throw new MalformedFrameError(`undecodable frame: ${(error as Error).message}`);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads and validates an awareness update: client ids, clocks, and JSON states. */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarUint8Array(decoder);
    entries.push({ clientId, clock, state: JSON.parse(utf8.decode(json)), bytes: json.byteLength });
  }
  if (decoding.hasContent(decoder)) throw new MalformedFrameError('trailing bytes after the awareness update');
  return entries;
}

/** Frames already read by the socket guard, so the sync hooks need not decode them again. */
const readFrames = new WeakMap<Uint8Array, SyncFrame>();

export function rememberFrame(data: Uint8Array, frame: SyncFrame): void {
  readFrames.set(data, frame);
}

/** The frame as the guard read it, or read now. @throws {MalformedFrameError} */
export function frameOf(data: Uint8Array): SyncFrame {
  return readFrames.get(data) ?? readSyncFrame(data);
}
