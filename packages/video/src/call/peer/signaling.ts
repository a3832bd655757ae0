import { deriveRoomKey, open, seal } from './envelope.js';

/** What opening a signaling channel needs: the answer of `POST /v1/sessions/:id/collab-ticket`. */
export interface SignalingTicket {
  /** Absolute `ws:`/`wss:` URL, one-time ticket included. */
  url: string;
  roomName: string;
  roomSecret: string;
}

/**
 * A connection to the server's y-webrtc signaling endpoint, used as an encrypted broadcast
 * channel on the session's room: `send` publishes to everyone in the room, `onmessage` receives
 * what others published (our own media messages only; everything else is dropped).
 */
export class SignalingChannel {
  /** Handles one message; the next waits until a returned promise settles, so messages apply in order. */
  onmessage: (message: unknown) => void | Promise<void> = () => {};
  /** Called once when the socket closes, unless `close()` closed it. */
  onclose: () => void = () => {};
  readonly #socket: WebSocket;
  readonly #key: CryptoKey;
  readonly #topic: string;
  #closedByUs = false;
  // Decryption is asynchronous; this chain keeps messages in arrival order.
  #inbox: Promise<void> = Promise.resolve();

  private constructor(socket: WebSocket, key: CryptoKey, topic: string) {
    this.#socket = socket;
    this.#key = key;
    this.#topic = topic;
    socket.addEventListener('message', (event) => this.#receive(event.data));
    socket.addEventListener('close', () => {
      if (!this.#closedByUs) this.onclose();
    });
  }

  /** Opens the socket and subscribes to the room. Rejects when the endpoint cannot be reached or refuses the ticket. */
  static async open(ticket: SignalingTicket): Promise<SignalingChannel> {
    const key = await deriveRoomKey(ticket.roomSecret, ticket.roomName);
    const socket = new WebSocket(ticket.url);
    await new Promise<void>((resolve, reject) => {
      const fail = () => reject(new Error(`The signaling endpoint ${new URL(ticket.url).origin} could not be reached.`));
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', fail, { once: true });
      socket.addEventListener('close', fail, { once: true });
    });
    const channel = new SignalingChannel(socket, key, ticket.roomName);
    socket.send(JSON.stringify({ type: 'subscribe', topics: [ticket.roomName] }));
    return channel;
  }

  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  async send(message: unknown): Promise<void> {
    const data = await seal(message, this.#key);
    if (this.open) this.#socket.send(JSON.stringify({ type: 'publish', topic: this.#topic, data }));
  }

  close(): void {
    this.#closedByUs = true;
    this.#socket.close();
  }

  #receive(raw: unknown): void {
    if (typeof raw !== 'string') return;
    let frame: { type?: unknown; topic?: unknown; data?: unknown };
    try {
      frame = JSON.parse(raw);
    } catch {
      return;
    }
    if (frame.type !== 'publish' || frame.topic !== this.#topic || typeof frame.data !== 'string') return;
    const data = frame.data;
    this.#inbox = this.#inbox.then(async () => {
      const message = await open(data, this.#key);
      if (message !== undefined) await this.onmessage(message);
    }).catch(() => {
      // A message that could not be applied must not block the ones after it.
    });
  }
}
