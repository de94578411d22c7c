import mongoose from 'mongoose';
import { commonEnv, loadConfig } from '@homeward/config';
import { KeyVault, privacyEnv, privacySettings } from '@homeward/privacy';

/**
 * `npm run keys -- rotate`: re-wraps every data key in the key vault with the
 * current master key. Run it with the new key in HOMEWARD_MASTER_KEY(_ID) and
 * the old one in HOMEWARD_PREVIOUS_MASTER_KEYS (id:base64), while the services
 * accept both; once it reports 0 left, the old key can be dropped.
 */
const usage = 'usage: npm run keys -- rotate';

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command !== 'rotate') {
    console.error(usage);
    return 2;
  }
  const config = loadConfig({ ...commonEnv, ...privacyEnv });
  const settings = privacySettings(config);
  const connection = await mongoose.createConnection(config.MONGO_URL, { retryWrites: false, serverSelectionTimeoutMS: 5_000 }).asPromise();
  try {
    const vault = new KeyVault({ connection, databaseName: settings.keyVaultDb, masterKeys: settings.masterKeys, cacheTtlMs: 0 });
    const rotated = await vault.rotate();
    console.log(`${rotated} data key(s) re-wrapped with master key ${settings.masterKeys.current.id} in ${settings.keyVaultDb}; ${await vault.rotate()} left`);
    return 0;
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
