import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KeyPairRecord, NewKeyPair, Storage } from './storage/storage.js';

/** The file, inside the data folder, where the key pair made on first start is written. */
export const FIRST_KEY_FILE = 'access-key.json';

const hexUuid = (): string => randomUUID().replace(/-/g, '');

/**
 * A fresh access key pair for a new app (or, given `teamUUID` and `appUUID`, a second pair of an
 * existing app, for key rotation). The secret is 256 random bits.
 */
export function generateKeyPair(app?: { teamUUID: string; appUUID: string }): NewKeyPair {
  return {
    accessKey: `WR${randomBytes(12).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(32).toString('base64url'),
    teamUUID: app?.teamUUID ?? hexUuid(),
    appUUID: app?.appUUID ?? hexUuid(),
  };
}

export type KeyProvisioning =
  | { kind: 'existing' }
  | { kind: 'fromEnvironment'; keyPair: KeyPairRecord; created: boolean }
  | { kind: 'generated'; keyPair: KeyPairRecord; secretFile: string };

/**
 * Makes sure the server has a key pair to accept tokens from. A pair given in the environment is
 * added if it is new (so a business server keeps the keys it has); an empty data folder gets a new
 * pair, whose secret is written to a file readable only by its owner.
 */
export async function provisionKeyPairs(
  storage: Storage,
  options: { dataDir: string; accessKey?: string; secretAccessKey?: string },
): Promise<KeyProvisioning> {
  const { accessKey, secretAccessKey } = options;
  if (accessKey !== undefined || secretAccessKey !== undefined) {
    if (!accessKey || !secretAccessKey) {
      throw new Error(
        'set both WHITEROOM_ACCESS_KEY and WHITEROOM_SECRET_ACCESS_KEY, or neither of them',
      );
    }
    const known = await storage.keyPairs.findByAccessKey(accessKey);
    if (known) {
      if (known.secretAccessKey !== secretAccessKey) {
        throw new Error(
          `access key ${accessKey} is already stored with another secret; ` +
            'a stored secret is never replaced: create a new key pair instead',
        );
      }
      return { kind: 'fromEnvironment', keyPair: known, created: false };
    }
    const created = await storage.keyPairs.create({
      ...generateKeyPair(),
      accessKey,
      secretAccessKey,
    });
    return { kind: 'fromEnvironment', keyPair: created, created: true };
  }

  if ((await storage.keyPairs.list()).length > 0) return { kind: 'existing' };

  const keyPair = await storage.keyPairs.create(generateKeyPair());
  const secretFile = path.resolve(options.dataDir, FIRST_KEY_FILE);
  const contents = {
    accessKey: keyPair.accessKey,
    secretAccessKey: keyPair.secretAccessKey,
    teamUUID: keyPair.teamUUID,
    appUUID: keyPair.appUUID,
  };
  writeFileSync(secretFile, JSON.stringify(contents, null, 2) + '\n', { mode: 0o600 });
  chmodSync(secretFile, 0o600);
  return { kind: 'generated', keyPair, secretFile };
}
