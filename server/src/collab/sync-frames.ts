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


/** One client's entry of an awareness update, its state not yet parsed (see {@link awarenessState}). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  /** The state's JSON text, UTF-8. */
  json: Uint8Array;
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
 * Awareness states are JSON text that the presence rules parse before anything is applied or
 * relayed (see {@link readAwarenessUpdate}).
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

/**
 * Reads and validates an awareness update's layout: client ids, clocks, and each state's JSON
 * text. The states themselves are parsed with {@link awarenessState} only where they are used:
 * the presence rules parse the entries they keep, and drop the others unread (most are the stock
 * provider's echoes of other clients' states).
 */
export function readAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const json = decoding.readVarUint8Array(decoder);
    entries.push({ clientId, clock, json, bytes: json.byteLength });
  }
  if (decoding.hasContent(decoder)) throw new MalformedFrameError('trailing bytes after the awareness update');
  return entries;
}

/** The entry's state, parsed; `null` when the client leaves. @throws {MalformedFrameError} when it is not UTF-8 JSON. */
export function awarenessState(entry: AwarenessEntry): unknown {
  try {
    return JSON.parse(utf8.decode(entry.json));
  } catch (error) {
    throw new MalformedFrameError(`undecodable awareness state: ${(error as Error).message}`);
  }
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
