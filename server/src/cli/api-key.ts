import { openDatabase } from '../adapters/db/database.js';
import type { Config } from '../config/index.js';
import { ApiKeyService } from '../services/api-keys.js';

const USAGE = `usage: npm run server -- api-key <command>
  create [--tenant ID] [--label TEXT]   create a key and print it once
  list                                  list keys (never their secrets)
  revoke KEY_ID                         revoke a key`;

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(name);
  if (i === -1) return fallback;
  const value = args[i + 1];
  if (!value || value.startsWith('--')) throw new Error(`${name} needs a value\n${USAGE}`);
  return value;
}

/** `api-key create|list|revoke`: manages host API keys in the configured database. */
export async function apiKeyCommand(args: string[], config: Config, out: (line: string) => void): Promise<number> {
  const [command, ...rest] = args;
  if (!command || !['create', 'list', 'revoke'].includes(command)) {
    out(USAGE);
    return 2;
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const keys = new ApiKeyService(db);
    if (command === 'create') {
      const created = await keys.create(option(rest, '--tenant', 'default'), option(rest, '--label', 'cli'));
      out(`Created API key ${created.id} for tenant ${created.tenantId}. It is shown only this once:`);
      out(created.key);
    } else if (command === 'list') {
      for (const k of await keys.list()) {
        out(`${k.id}\ttenant=${k.tenantId}\tlabel=${k.label}\tcreated=${k.createdAt}${k.revokedAt ? `\trevoked=${k.revokedAt}` : ''}`);
      }
    } else {
      const id = rest[0];
      if (!id) {
        out(USAGE);
        return 2;
      }
      if (!(await keys.revoke(id))) {
        out(`No active API key ${id}`);
        return 1;
      }
      out(`Revoked API key ${id}`);
    }
    return 0;
  } finally {
    await db.destroy();
  }
}
