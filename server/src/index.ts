#!/usr/bin/env -S npx tsx
import { apiKeyCommand } from './cli/api-key.js';
import { encryptionCommand } from './cli/encryption.js';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { createLogger } from './logger.js';
import { startServer } from './server.js';
import { startTelemetry } from './telemetry/index.js';

/** Exit code 78 (EX_CONFIG) with the message for configuration the server cannot run with. */
async function main(argv: string[]): Promise<number> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Invalid configuration: ${error.message}\n`);
      return 78;
    }
    throw error;
  }
}

async function run(argv: string[]): Promise<number> {
  const config = loadConfig();
  const [command, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  if (command === 'api-key') return apiKeyCommand(rest, config, out);
  if (command === 'encryption') return encryptionCommand(rest, config, out);
  if (command !== undefined) {
    process.stderr.write(`Unknown command "${command}". Commands: (none) to serve, api-key, encryption\n`);
    return 2;
  }

  const logger = createLogger(config.logLevel);
  const telemetry = await startTelemetry({ instanceId: config.instanceId, logger });
  const running = await startServer(config, logger);
  // SIGTERM (an orchestrator's stop): drain, then exit 0. SIGINT (Ctrl-C): close at once.
  const stop = (signal: string) => {
    logger.notice(signal === 'SIGTERM' ? 'draining' : 'shutting down', { signal });
    (signal === 'SIGTERM' ? running.drain() : running.close())
      .then(() => telemetry?.shutdown())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`Fatal: ${error.message}\n`);
    process.exit(1);
  },
);
