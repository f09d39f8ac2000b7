// The local Neo4j's credentials: a password generated once into its data folder, set on the
// first start and checked on every later one. Bolt with this password is the only way in.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { ProvisioningError } from './neo4jInstall.js';

export const USER = 'neo4j';

/** The password file in the data folder, readable by its owner only. */
export function passwordFile(dataDir: string): string {
  return path.join(dataDir, 'quanze-neo4j.password');
}

/** Reads the instance's password, generating it (mode 600) on first use. Never logged. */
export function ensurePassword(dataDir: string): { password: string; fresh: boolean } {
  const file = passwordFile(dataDir);
  if (fs.existsSync(file)) {
    fs.chmodSync(file, 0o600);
    return { password: fs.readFileSync(file, 'utf8').trim(), fresh: false };
  }
  const password = randomBytes(24).toString('base64url');
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return { password, fresh: true };
}

/**
 * Writes Neo4j's initial-credentials file (what `neo4j-admin dbms set-initial-password`
 * writes: SHA-256 over salt+password, iterated 1024 times), so a new store never accepts
 * the default password. Neo4j reads it only when it creates its system database.
 */
export function writeInitialPassword(dataDir: string, password: string): void {
  const dir = path.join(dataDir, 'data', 'dbms');
  fs.mkdirSync(dir, { recursive: true });
  const salt = randomBytes(32);
  let hash = createHash('sha256').update(salt).update(password, 'utf8').digest();
  for (let i = 1; i < 1024; i++) hash = createHash('sha256').update(hash).digest();
  fs.writeFileSync(path.join(dir, 'auth.ini'), `${USER}:SHA-256,${hash.toString('hex')},${salt.toString('hex')},1024:\n`, { mode: 0o600 });
}

function authFailed(error: unknown): boolean {
  return /Unauthorized|authentication failure|credentials/i.test(`${(error as { code?: string }).code} ${(error as Error).message}`);
}

/**
 * Checks the password over Bolt. A store first started by an older Quanze without auth
 * still has the default password: it is changed to ours here, once.
 */
export async function settlePassword(uri: string, password: string, dataDir: string): Promise<void> {
  const tryAuth = async (user: string, secret: string, work?: (driver: Driver) => Promise<void>) => {
    const driver = neo4j.driver(uri, neo4j.auth.basic(user, secret), { connectionAcquisitionTimeout: 10_000 });
    try {
      if (work) await work(driver);
      else await driver.executeQuery('SHOW CURRENT USER', {}, { database: 'system' });
    } finally {
      await driver.close();
    }
  };
  try {
    await tryAuth(USER, password);
    return;
  } catch (error) {
    if (!authFailed(error)) throw error;
  }
  try {
    await tryAuth(USER, 'neo4j', async (driver) => {
      const session = driver.session({ database: 'system' });
      try {
        await session.run('ALTER CURRENT USER SET PASSWORD FROM $old TO $new', { old: 'neo4j', new: password });
      } finally {
        await session.close();
      }
    });
  } catch (error) {
    throw new ProvisioningError(
      `Neo4j refuses the password kept in ${passwordFile(dataDir)} (${(error as Error).message.split('.')[0]}). ` +
        'Restore that file, or move the data folder aside to start afresh.',
    );
  }
}
