import type { WebSocket } from 'ws';
import type { Cluster } from '../scale-out/cluster.js';
import { meshTopic } from './mesh.js';
import { CloseCode, FrameViolation, guardSocket, RECONNECT_REASON } from './socket-guard.js';
import type { TicketHolder } from './tickets.js';
import { Heartbeat } from './heartbeat.js';

export interface SignalingLimits {
  messagesPerSecond: number;
  burst: number;
  /** How often dead sockets are looked for (ping, then close without pong). */
  heartbeatMs: number;
}

type SignalingMessage =
  | { type: 'subscribe' | 'unsubscribe'; topics: string[] }
  | { type: 'publish'; topic: string; data: string }
  | { type: 'ping' };

/**
 * y-webrtc's signaling protocol (JSON text frames: `subscribe`, `unsubscribe`, `publish`, `ping`),
 * spoken so that the stock `WebrtcProvider` connects, with the product's rules on top:
 *
 * - a socket was admitted with a one-time ticket (see `tickets.ts`) and may subscribe and publish
 *   only to its own session's topic;
 * - published data must be a string: y-webrtc encrypts signaling with the mesh password and sends
 *   base64, so plain-text (unencrypted) signaling is refused and the relay only sees ciphertext;
 * - anything else (binary, non-JSON, unknown types, oversized, too many messages) closes the socket.
 *
 * With several instances (a {@link Cluster}), the peers of one session may be connected to
 * different instances: a publish is relayed to this instance's subscribers of the topic and, through
 * the cluster (Redis pub/sub, channel `signal:<topic>`), to the other instances', which relay it to
 * theirs. An instance listens on a topic's channel while it has a subscriber to it.
 */
export class SignalingHub {
  readonly #topics = new Map<string, Set<WebSocket>>();
  readonly #heartbeat: Heartbeat;
  /** Per topic with subscribers here: stops listening to the other instances' publishes. */
  readonly #remote = new Map<string, () => void>();

  constructor(
    private readonly limits: SignalingLimits,
    private readonly onViolation: (reason: string) => void = () => {},
    private readonly cluster?: Cluster,
  ) {
    this.#heartbeat = new Heartbeat(limits.heartbeatMs);
  }

  /** Number of open signaling sockets. */
  get size(): number {
    return this.#heartbeat.sockets.size;
  }

  accept(ws: WebSocket, holder: TicketHolder): void {
    const topic = meshTopic(holder.sessionId);
    const subscribed = new Set<string>();
    // Each frame is parsed once, by the guard, and handled below.
    const parsed = new WeakMap<Buffer, SignalingMessage>();
    this.#heartbeat.watch(ws);
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      for (const topic of subscribed) this.#leave(topic, ws);
      subscribed.clear();
    });

    guardSocket(ws, {
      binary: false,
      messagesPerSecond: this.limits.messagesPerSecond,
      burst: this.limits.burst,
      onViolation: (_code, reason) => this.onViolation(reason),
      inspect: (data) => {
        const message = parse(data.toString('utf8'));
        parsed.set(data, message);
        const topics = message.type === 'subscribe' || message.type === 'unsubscribe' ? message.topics : message.type === 'publish' ? [message.topic] : [];
        if (topics.some((named) => named !== topic)) {
          throw new FrameViolation(CloseCode.policyViolation, "a peer may only use its own session's topic");
        }
      },
    });

    ws.on('message', (data: Buffer) => {
      const message = parsed.get(data);
      if (!message) return;
      switch (message.type) {
        case 'subscribe':
          for (const topic of message.topics) {
            subscribed.add(topic);
            this.#join(topic, ws);
          }
          break;
        case 'unsubscribe':
          for (const topic of message.topics) {
            subscribed.delete(topic);
            this.#leave(topic, ws);
          }
          break;
        case 'publish': {
          const members = this.#topics.get(message.topic);
          if (!members || !subscribed.has(message.topic)) break;
          this.#relay(message.topic, message.data);
          this.cluster?.publish(`signal:${message.topic}`, message.data);
          break;
        }
        case 'ping':
          send(ws, JSON.stringify({ type: 'pong' }));
          break;
      }
    });
  }

  /** Closes every signaling socket with the reconnect code ({@link CloseCode.reconnect}). */
  close(): void {
    this.#heartbeat.close();
    for (const ws of this.#heartbeat.sockets) ws.close(CloseCode.reconnect, RECONNECT_REASON);
    for (const unsubscribe of this.#remote.values()) unsubscribe();
    this.#remote.clear();
  }

  #join(topic: string, ws: WebSocket): void {
    let members = this.#topics.get(topic);
    if (!members) {
      this.#topics.set(topic, (members = new Set()));
      if (this.cluster) this.#remote.set(topic, this.cluster.subscribe(`signal:${topic}`, (data) => this.#relay(topic, data)));
    }
    members.add(ws);
  }

  #leave(topic: string, ws: WebSocket): void {
    const members = this.#topics.get(topic);
    if (!members) return;
    members.delete(ws);
    if (members.size > 0) return;
    this.#topics.delete(topic);
    this.#remote.get(topic)?.();
    this.#remote.delete(topic);
  }

  /** Sends a publish to this instance's subscribers of `topic`. */
  #relay(topic: string, data: string): void {
    const members = this.#topics.get(topic);
    if (!members) return;
    const relayed = JSON.stringify({ type: 'publish', topic, data, clients: members.size });
    for (const member of members) send(member, relayed);
  }

}

function send(ws: WebSocket, text: string): void {
  if (ws.readyState === ws.OPEN) ws.send(text);
}

const MAX_TOPICS = 8;

/** Parses and validates one signaling message. @throws {FrameViolation} */
function parse(text: string): SignalingMessage {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FrameViolation(CloseCode.invalidPayload, 'signaling messages are JSON');
  }
  if (typeof value !== 'object' || value === null) throw new FrameViolation(CloseCode.invalidPayload, 'a message is an object');
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'subscribe':
    case 'unsubscribe': {
      const topics = message.topics ?? [];
      if (!Array.isArray(topics) || topics.length > MAX_TOPICS || !topics.every((t) => typeof t === 'string')) {
        throw new FrameViolation(CloseCode.invalidPayload, 'topics must be a short list of strings');
      }
      return { type: message.type, topics: topics as string[] };
    }
    case 'publish':
      if (typeof message.topic !== 'string') throw new FrameViolation(CloseCode.invalidPayload, 'publish needs a topic');
      if (typeof message.data !== 'string') {
        throw new FrameViolation(CloseCode.policyViolation, 'signaling data must be encrypted with the mesh password');
      }
      return { type: 'publish', topic: message.topic, data: message.data };
    case 'ping':
      return { type: 'ping' };
    default:
      throw new FrameViolation(CloseCode.invalidPayload, 'unknown signaling message type');
  }
}
