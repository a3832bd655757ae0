import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/** A small TCP load balancer for tests: each new connection goes to the next backend that accepts it. */
export interface RoundRobinProxy {
  url: string;
  /** Which backend (its index) each accepted connection went to, in order. */
  routed: number[];
  close(): Promise<void>;
}

/**
 * Listens on a loopback port and forwards each connection to the backends (`http://host:port`
 * URLs) in turn; a backend that refuses the connection (a killed instance) is skipped for the
 * next, as a load balancer's health check would. Connections already forwarded are cut when their
 * backend goes away.
 */
export async function roundRobinProxy(backends: string[]): Promise<RoundRobinProxy> {
  const targets = backends.map((url) => new URL(url));
  const routed: number[] = [];
  const sockets = new Set<Socket>();
  let next = 0;

  const forward = (client: Socket, tries: number) => {
    if (tries >= targets.length) return client.destroy();
    const index = next;
    next = (next + 1) % targets.length;
    const target = targets[index]!;
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    let connected = false;
    upstream.once('error', () => {
      if (connected) client.destroy();
      else forward(client, tries + 1);
    });
    upstream.once('connect', () => {
      connected = true;
      routed.push(index);
      client.pipe(upstream).pipe(client);
      client.resume();
      client.once('close', () => upstream.destroy());
      upstream.once('close', () => client.destroy());
    });
  };

  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    sockets.add(client);
    client.on('error', () => client.destroy());
    client.once('close', () => sockets.delete(client));
    forward(client, 0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
