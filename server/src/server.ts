import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Db } from './adapters/db/database.js';
import { createApp, type App } from './app.js';
import { attachCollabEndpoints } from './collab/endpoints.js';
import { composeServices } from './composition.js';
import type { Config } from './config/index.js';
import type { Services } from './context.js';
import { createLogger, type Logger } from './logger.js';
import { joinCluster } from './scale-out/cluster.js';

export interface RunningServer {
  url: string;
  server: Server;
  app: App;
  services: Services;
  db: Db;
  close(): Promise<void>;
  /**
   * Leaves gracefully (SIGTERM): `/readyz` answers 503 at once; `DRAIN_NOTICE_MS` later the port
   * stops accepting connections and other requests get 503 (`scale-out/drain.ts`); runs under way get up to
   * `DRAIN_TIMEOUT_MS` to finish, then {@link close}: sockets closed with the reconnect code
   * (1012), documents stored, everything shut.
   */
  drain(): Promise<void>;
}

/** Opens the database, composes the services, builds the app and listens: what `npm run server` and deployments run. */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  let cluster;
  try {
    cluster = await joinCluster(config.scaleOut, logger);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const services = composeServices({ config, db, logger, cluster });
  const app = createApp(services);
  if (config.bootstrapApiKey) await services.apiKeys.ensureBootstrapKey(config.bootstrapApiKey);

  const { drain } = services.scaleOut;
  const server = createServer((req, res) => {
    if (!drain.refuse(req, res)) app.app(req, res);
  });
  const detachCollab = attachCollabEndpoints(server, services);
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.notice('listening', {
    url,
    database: config.databaseUrl ? 'postgresql' : 'sqlite',
    livekit: Boolean(config.livekit),
    instance: config.scaleOut.instanceId,
    redis: Boolean(config.scaleOut.redisUrl),
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await detachCollab();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await services.close();
    })());
  let draining: Promise<void> | undefined;
  return {
    url,
    server,
    app,
    services,
    db,
    close,
    drain: () =>
      (draining ??= (async () => {
        drain.start();
        await new Promise((resolve) => setTimeout(resolve, config.scaleOut.drainNoticeMs));
        drain.stopAccepting();
        server.close();
        server.closeIdleConnections();
        const finished = await services.runs.finish(config.scaleOut.drainTimeoutMs);
        if (!finished) logger.warn('runs still under way when the drain time ran out; they are stopped', { drainTimeoutMs: config.scaleOut.drainTimeoutMs });
        await close();
      })()),
  };
}
