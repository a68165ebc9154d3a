import fs from 'node:fs';
import path from 'node:path';
import { CredentialRegistry } from './credentials';

const DEMO_NAME = 'demo';
const DEMO_DAYS = 90;

/**
 * `npm start`'s credential: an admin key named "demo", created on first start and kept in a
 * file beside the store (mode 0600) so the README walkthrough and the CLI can use it on every
 * start. A revoked demo credential stays revoked; an expired one, or one whose key file is
 * gone, gets a new key. Only for the demo stack with its simulators, never in production.
 */
export async function ensureDemoCredential(registry: CredentialRegistry, keyFile: string, now = new Date()): Promise<{ key?: string; keyFile: string; created: boolean; note?: string }> {
  const file = path.resolve(keyFile);
  const existing = await registry.find(DEMO_NAME);
  if (existing?.state === 'revoked') return { keyFile: file, created: false, note: 'the demo credential was revoked; create your own with bin/subsync credentials create' };
  if (existing?.state === 'active' && fs.existsSync(file)) {
    const key = fs.readFileSync(file, 'utf8').trim();
    if ((await registry.verify(key)).ok) return { key, keyFile: file, created: false };
  }
  const expiresAt = new Date(now.getTime() + DEMO_DAYS * 86_400_000);
  const issued = existing
    ? await registry.rotate(DEMO_NAME, 'npm start', { expiresAt })
    : await registry.create({ name: DEMO_NAME, description: `npm start demo: every scope, ${DEMO_DAYS} days`, permissions: [{ scope: 'admin' }], expiresAt }, 'npm start');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${issued.key}\n`, { mode: 0o600 });
  return { key: issued.key, keyFile: file, created: !existing };
}
