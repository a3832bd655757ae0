import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Db } from './adapters/db/database.js';
import { createApp, type App } from './app.js';
import { attachCollabEndpoints } from './collab/endpoints.js';
import { composeServices } from './composition.js';
import type { Config } from './config/index.js';
import type { Services } from './context.js';
import { createLogger, type Logger } from './logger.js';

export interface RunningServer {
  url: string;
  server: Server;
  app: App;
  services: Services;
  db: Db;
  close(): Promise<void>;
}

/** Opens the database, composes the services, builds the app and listens: what `npm run server` and deployments run. */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const services = composeServices({ config, db, logger });
  const app = createApp(services);
  if (config.bootstrapApiKey) await services.apiKeys.ensureBootstrapKey(config.bootstrapApiKey);

  const server = createServer(app.app);
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
  logger.notice('listening', { url, database: config.databaseUrl ? 'postgresql' : 'sqlite', livekit: Boolean(config.livekit) });

  let closing: Promise<void> | undefined;
  return {
    url,
    server,
    app,
    services,
    db,
    close: () =>
      (closing ??= (async () => {
        await detachCollab();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await services.close();
      })()),
  };
}
