import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { commonEnv, loadConfig } from '@homeward/config';
import { KeyVault, privacyEnv, privacySettings, type ErasureEntry } from '@homeward/privacy';

/**
 * `npm run keys -- <command>`: the key vault's maintenance.
 *   rotate                     re-wraps every data key with the current master key. Run it with the
 *                              new key in HOMEWARD_MASTER_KEY(_ID) and the old one in
 *                              HOMEWARD_PREVIOUS_MASTER_KEYS (id:base64), while the services accept
 *                              both; once it reports 0 left, the old key can be dropped.
 *   erasures export            the erasure ledger as JSON lines (ids and times only), to keep apart
 *                              from the database's backups
 *   erasures reapply [--from F] after a restore of the vault: adds the entries of an exported ledger
 *                              (F), then shreds again every key the ledger names (infra/README.md)
 */
const usage = 'usage: npm run keys -- rotate | erasures export | erasures reapply [--from <ledger.jsonl>]';

class UsageError extends Error {}

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { from: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (values.help) return { command: 'help' as const };
  const command = positionals.join(' ');
  if (command === 'rotate' || command === 'erasures export' || command === 'erasures reapply') {
    if (values.from !== undefined && command !== 'erasures reapply') throw new UsageError('--from belongs to erasures reapply');
    return { command, from: values.from };
  }
  throw new UsageError(command ? `unknown command '${command}'` : 'a command is required');
}

/** An exported ledger: one `{"id":…,"erasedAt":…}` per line; a bad line is refused with its number. */
function readLedgerFile(file: string): ErasureEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line: line.trim(), number: i + 1 }))
    .filter(({ line }) => line)
    .map(({ line, number }) => {
      let value: { id?: unknown; erasedAt?: unknown };
      try {
        value = JSON.parse(line) as typeof value;
      } catch {
        throw new UsageError(`${file}:${number}: not JSON`);
      }
      const erasedAt = new Date(String(value.erasedAt));
      if (typeof value.id !== 'string' || !value.id || Number.isNaN(erasedAt.getTime())) throw new UsageError(`${file}:${number}: expected {"id": "…", "erasedAt": "<ISO time>"}`);
      return { id: value.id, erasedAt };
    });
}

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parse(argv);
  } catch (error) {
    console.error(`keys: ${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (args.command === 'help') {
    console.log(usage);
    return 0;
  }
  let imported: ErasureEntry[] = [];
  try {
    if (args.from) imported = readLedgerFile(args.from);
  } catch (error) {
    console.error(`keys: ${(error as Error).message}`);
    return 2;
  }
  const config = loadConfig({ ...commonEnv, ...privacyEnv });
  const settings = privacySettings(config);
  const connection = await mongoose.createConnection(config.MONGO_URL, { retryWrites: false, serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const vault = new KeyVault({ connection, databaseName: settings.keyVaultDb, masterKeys: settings.masterKeys, cacheTtlMs: 0 });
    switch (args.command) {
      case 'rotate': {
        const rotated = await vault.rotate();
        console.log(`${rotated} data key(s) re-wrapped with master key ${settings.masterKeys.current.id} in ${settings.keyVaultDb}; ${await vault.rotate()} left`);
        return 0;
      }
      case 'erasures export': {
        for (const entry of await vault.ledger.entries()) process.stdout.write(`${JSON.stringify({ id: entry.id, erasedAt: entry.erasedAt.toISOString() })}\n`);
        return 0;
      }
      case 'erasures reapply': {
        const added = await vault.ledger.merge(imported);
        const shredded = await vault.reapplyErasures();
        console.log(`${added} erasure(s) added from ${args.from ?? 'no file'}; ${shredded.length} key(s) shredded again in ${settings.keyVaultDb}`);
        return 0;
      }
    }
    return 2;
  } finally {
    await connection.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  },
);
