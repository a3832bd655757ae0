import { FieldCipher } from '../adapters/crypto/field-cipher.js';
import { openDatabase } from '../adapters/db/database.js';
import type { Config } from '../config/index.js';
import { ReEncryption } from '../data-lifecycle/re-encryption.js';

const USAGE = `usage: npm run server -- encryption rotate
  rotate   rewrite every sealed value (code, notes, feedback) under DATA_ENCRYPTION_KEY,
           opening old values with DATA_ENCRYPTION_OLD_KEYS; prints progress per batch`;

/** `encryption rotate`: one re-encryption pass over the configured database, in this process. */
export async function encryptionCommand(args: string[], config: Config, out: (line: string) => void): Promise<number> {
  if (args[0] !== 'rotate' || args.length > 1) {
    out(USAGE);
    return 2;
  }
  if (!config.encryption) {
    out('DATA_ENCRYPTION_KEY is not set: there is no key to re-encrypt under');
    return 1;
  }
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const totals = await new ReEncryption(db, new FieldCipher(config.encryption)).run((p) =>
      out(`${p.table}: ${p.examined} rows examined, ${p.rewritten} rewritten`),
    );
    const rewritten = totals.reduce((sum, t) => sum + t.rewritten, 0);
    out(`Done: ${rewritten} values rewritten under key "${config.encryption.current.id}"; keys in DATA_ENCRYPTION_OLD_KEYS are no longer needed.`);
    return 0;
  } finally {
    await db.destroy();
  }
}
