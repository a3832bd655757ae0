import type { RequestHandler } from 'express';
import type { Db } from './adapters/db/database.js';
import type { Security } from './api.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import type { ApiKeyService } from './services/api-keys.js';
import type { SessionService } from './services/sessions.js';
import type { TokenSigner } from './services/tokens.js';

/** What route modules and collaboration endpoints get from the app: services and guards. */
export interface AppContext {
  config: Config;
  db: Db;
  logger: Logger;
  metrics: Metrics;
  apiKeys: ApiKeyService;
  tokens: TokenSigner;
  sessions: SessionService;
  /** Authenticates with any of `accept` and applies the per-caller rate limit. */
  guard(...accept: Security[]): RequestHandler[];
}
