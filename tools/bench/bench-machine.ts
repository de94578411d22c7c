import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { MongoClient } from 'mongodb';
import { repoRoot } from '@homeward/testing';

export interface Machine {
  readonly cores: number;
  readonly cpu: string;
  readonly memoryMb: number;
  readonly node: string;
  readonly database: { readonly name: string; readonly version: string; readonly wireVersion: string };
}

export const loadAverage = (): [number, number, number] => loadavg().map((n) => Math.round(n * 100) / 100) as [number, number, number];

export function commitOf(): { commit: string; dirty: boolean } {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).stdout.trim();
  return { commit: git('rev-parse', 'HEAD'), dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
}

/** The database the run's servers are: the engine's own name and version where its buildInfo gives them (FerretDB, SecantusDB), else what it claims to be. */
export async function databaseOf(mongoUrl: string): Promise<Machine['database']> {
  const client = await MongoClient.connect(mongoUrl, { directConnection: true, serverSelectionTimeoutMS: 10_000 });
  try {
    const info = (await client.db('admin').command({ buildInfo: 1 })) as Record<string, unknown>;
    const own = Object.entries(info).find(([key, value]) => /ferret|secantus/i.test(key) && typeof value === 'string');
    const named = own ? /ferret/i.test(own[0]) ? 'FerretDB' : 'SecantusDB' : JSON.stringify(info).match(/ferret|secantus/i)?.[0] ?? 'MongoDB-compatible';
    return { name: named, version: own ? String(own[1]) : String(info['version']), wireVersion: String(info['version']) };
  } finally {
    await client.close();
  }
}

export async function machineOf(mongoUrl: string): Promise<Machine> {
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryMb: Math.round(totalmem() / 2 ** 20),
    node: process.version,
    database: await databaseOf(mongoUrl),
  };
}
