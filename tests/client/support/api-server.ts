import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CredentialRegistry } from '../../../api/auth/credentials';
import type { Permission } from '../../../api/auth/permissions';
import { ApiLimits, startApi, SubsyncApi } from '../../../api/http';
import { positiveIntegerIdRule } from '../../../domain/events';
import { createLogger } from '../../../runtime/logger';
import { Store } from '../../../store/store';
import { MemoryOperations } from './memory-ops';

/** The billing systems the in-memory API serves, with their connectors' account id shapes. */
export const TEST_BILLING = {
  lanbilling: { kind: 'lanbilling', accountId: positiveIntegerIdRule('a LANBilling account (vgroup id): a positive integer without leading zeros') },
  'isp-integrator': { kind: 'isp-integrator', accountId: positiveIntegerIdRule('an ISP-Integrator customer code: a positive integer without leading zeros'), offers: ['tv-invoicing', 'set-top-box-import'] },
};

export interface TestApi {
  url: string;
  ops: MemoryOperations;
  app: SubsyncApi;
  /** An admin key, also put in SUBSYNC_API_KEY (which httpRequest, SubsyncClient and the CLI read). */
  key: string;
  credentials: CredentialRegistry;
  store: Store;
  /** A key with exactly these permissions. */
  keyWith(permissions: Permission[], name?: string): Promise<string>;
  close(): Promise<void>;
}

let counter = 0;

/** The real API listening on a free port, backed by in-memory operations and real credentials in a SQLite store. */
export async function startTestApi(options: { limits?: Partial<ApiLimits>; logger?: Parameters<typeof startApi>[1]['logger']; ops?: MemoryOperations } = {}): Promise<TestApi> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-api-'));
  const store = await Store.open(`sqlite:${path.join(dir, 'store.db')}`);
  const credentials = new CredentialRegistry(store);
  const keyWith = async (permissions: Permission[], name = `test-${++counter}`) =>
    (await credentials.create({ name, permissions, expiresAt: new Date(Date.now() + 3_600_000) }, 'test')).key;
  const key = await keyWith([{ scope: 'admin' }], 'test-admin');
  process.env.SUBSYNC_API_KEY = key;
  const ops = options.ops ?? new MemoryOperations();
  const { app, url } = await startApi(ops, { port: 0, logger: options.logger ?? createLogger({ level: 'silent' }), credentials, billing: TEST_BILLING, limits: options.limits });
  return {
    url,
    ops,
    app,
    key,
    credentials,
    store,
    keyWith,
    async close() {
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
