import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a receiver got. */
export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  headers: Record<string, string>;
  body: string;
  /** What the receiver answered (`hang` when it never did). */
  answered: number | 'hang';
}

/** How a receiver answers a request: a status, or `hang` (never answer). */
export type Answer = number | 'hang';

/**
 * A webhook receiver on loopback for tests and benchmarks: records every request with its
 * Standard Webhooks headers and answers as `answer` says (200 by default). `stop()` closes the
 * port (the receiver is "down"); `start()` listens again on the same port.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (request: ReceivedWebhook, index: number) => Answer = () => 200;
  #server: Server | undefined;
  #port = 0;
  readonly #waiters = new Set<() => void>();

  get url(): string {
    return `http://127.0.0.1:${this.#port}/hooks`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.handle(req).then((answer) => {
      if (answer === 'hang') return;
      res.writeHead(answer).end();
    }));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    this.#port = (server.address() as AddressInfo).port;
    this.#server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** Resolves once `predicate` holds over what was received (checked on every request), or rejects after `timeoutMs`. */
  async until(predicate: (received: ReceivedWebhook[]) => boolean, timeoutMs = 15_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline) throw new Error(`the receiver did not get what was awaited within ${timeoutMs} ms; it got ${this.received.length} requests`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          resolve();
        };
        this.#waiters.add(wake);
        setTimeout(wake, 50);
      });
    }
    return this.received;
  }

  private async handle(req: IncomingMessage): Promise<Answer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const header = (name: string) => String(req.headers[name] ?? '');
    const received: ReceivedWebhook = {
      id: header('webhook-id'),
      timestamp: header('webhook-timestamp'),
      signature: header('webhook-signature'),
      headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
      body: Buffer.concat(chunks).toString('utf8'),
      answered: 200,
    };
    received.answered = this.answer(received, this.received.length);
    this.received.push(received);
    for (const wake of [...this.#waiters]) wake();
    return received.answered;
  }
}
