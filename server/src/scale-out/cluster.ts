import { Redis } from 'ioredis';
import type { ScaleOutSettings } from '../config/index.js';
import type { Logger } from '../logger.js';

/** Prefix of every Redis key and channel the server uses (the Hocuspocus extension's documents included). */
export const REDIS_PREFIX = 'interview-kit';

/**
 * The other instances of the server, as this one reaches them: through Redis when `REDIS_URL` is
 * set ({@link RedisCluster}), or nobody (one instance alone, {@link soloCluster}).
 *
 * Messages are published to every other instance subscribed to the channel; an instance never
 * receives its own. Delivery is Redis pub/sub: at most once, to instances connected at the time.
 */
export interface Cluster {
  /** This instance's name (`INSTANCE_ID`). */
  readonly instanceId: string;
  /** The shared Redis connection (commands only), or `undefined` alone. */
  readonly redis: Redis | undefined;
  /** A new Redis connection with the same settings (for subscribers), or `undefined` alone. */
  connect(): Redis | undefined;
  /** Sends `message` to the other instances listening on `channel`. */
  publish(channel: string, message: string): void;
  /** Calls `handler` with every message another instance publishes on `channel`; returns the unsubscriber. */
  subscribe(channel: string, handler: (message: string) => void): () => void;
  close(): Promise<void>;
}

/** One instance: nobody to tell, nothing shared. */
export function soloCluster(instanceId: string): Cluster {
  return {
    instanceId,
    redis: undefined,
    connect: () => undefined,
    publish: () => {},
    subscribe: () => () => {},
    close: async () => {},
  };
}

/** The other instances through Redis pub/sub; one connection for commands, one for subscriptions. */
export class RedisCluster implements Cluster {
  readonly redis: Redis;
  readonly #subscriber: Redis;
  readonly #handlers = new Map<string, Set<(message: string) => void>>();
  readonly #connections: Redis[] = [];

  constructor(
    private readonly url: string,
    readonly instanceId: string,
    private readonly logger: Logger,
  ) {
    this.redis = this.connect();
    this.#subscriber = this.connect();
    this.#subscriber.on('message', (channel: string, raw: string) => {
      const split = raw.indexOf('\n');
      if (split < 0 || raw.slice(0, split) === this.instanceId) return;
      const message = raw.slice(split + 1);
      for (const handler of this.#handlers.get(channel) ?? []) {
        try {
          handler(message);
        } catch (error) {
          this.logger.error('a cluster message could not be handled', { channel, error: (error as Error).message });
        }
      }
    });
  }

  connect(): Redis {
    // Commands wait while Redis is away (and are replayed once it is back) rather than fail at once.
    const connection = new Redis(this.url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    let reported = false;
    connection.on('error', (error: Error) => {
      if (reported) return;
      reported = true;
      this.logger.error('Redis connection failed', { error: error.message });
    });
    connection.on('ready', () => (reported = false));
    this.#connections.push(connection);
    return connection;
  }

  publish(channel: string, message: string): void {
    this.redis.publish(`${REDIS_PREFIX}:${channel}`, `${this.instanceId}\n${message}`).catch((error: Error) => {
      this.logger.error('a cluster message could not be published', { channel, error: error.message });
    });
  }

  subscribe(channel: string, handler: (message: string) => void): () => void {
    const key = `${REDIS_PREFIX}:${channel}`;
    let handlers = this.#handlers.get(key);
    if (!handlers) {
      this.#handlers.set(key, (handlers = new Set()));
      void this.#subscriber.subscribe(key).catch((error: Error) => this.logger.error('could not subscribe', { channel, error: error.message }));
    }
    handlers.add(handler);
    return () => {
      handlers.delete(handler);
      if (handlers.size > 0 || this.#handlers.get(key) !== handlers) return;
      this.#handlers.delete(key);
      void this.#subscriber.unsubscribe(key).catch(() => {});
    };
  }

  /** Resolves once Redis answers (start-up waits for it, so that a wrong `REDIS_URL` shows at once). */
  async ready(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await Promise.all(this.#connections.map((connection) => connection.quit().catch(() => connection.disconnect())));
  }
}

/** The cluster `settings` describe: Redis with `REDIS_URL`, else this instance alone. */
export async function joinCluster(settings: ScaleOutSettings, logger: Logger): Promise<Cluster> {
  if (!settings.redisUrl) return soloCluster(settings.instanceId);
  const cluster = new RedisCluster(settings.redisUrl, settings.instanceId, logger);
  try {
    await cluster.ready();
  } catch (error) {
    await cluster.close();
    throw new Error(`Redis at REDIS_URL does not answer: ${(error as Error).message}`);
  }
  return cluster;
}
