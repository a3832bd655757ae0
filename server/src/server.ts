import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDatabase, type Db } from './adapters/db/database.js';
import { createApp, type App } from './app.js';
import { attachRealtime } from './collab/index.js';
import { closeRuns } from './routes/runs.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';

export interface RunningServer {
  url: string;
  server: Server;
  app: App;
  db: Db;
  close(): Promise<void>;
}

/** Opens the database, builds the app and listens: what `npm run server` and deployments run. */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const app = createApp({ config, db, logger });
  if (config.bootstrapApiKey) await app.ctx.apiKeys.ensureBootstrapKey(config.bootstrapApiKey);

  const server = createServer(app.app);
  const detachRealtime = attachRealtime(server, app.ctx);
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
    db,
    close: () =>
      (closing ??= (async () => {
        await detachRealtime();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await closeRuns(app.ctx);
        await db.destroy();
      })()),
  };
}
