import type { RemoteSubscriber, TvOperations } from '../tv/platform';
import type { CdnTvClient } from './client';
import { createCustomer } from './operations/create-customer';
import { deleteAddon } from './operations/delete-addon';
import { deleteCustomer } from './operations/delete-customer';
import { deleteSetTopBox } from './operations/delete-set-top-box';
import { findCustomer } from './operations/find-customer';
import { putAddon } from './operations/put-addon';
import { putSetTopBox } from './operations/put-set-top-box';
import { setPlan } from './operations/set-plan';
import { setStatus } from './operations/set-status';
import { status } from './operations/status';
import type { CdnTvCustomer } from './schemas';
import { toTvState } from './state';

/** CDN TV addresses customers by their "cus_" id and packages by code; it has no swap call. */
export function cdnTvOperations(client: CdnTvClient): TvOperations<string> {
  const remote = (c: CdnTvCustomer): RemoteSubscriber<string> => ({ handle: c.id, state: toTvState(c) });
  /** A write's answer, where the vendor's answer carries the subscriber. */
  const written = async (answer: CdnTvCustomer | undefined) => (answer ? remote(answer) : undefined);
  return {
    handleOf: (id) => id,
    findByLogin: async (login) => {
      const c = await findCustomer(client, login);
      return c && remote(c);
    },
    create: async (input) => remote(await createCustomer(client, input)),
    setBasePackage: async (id, code, key) => written(await setPlan(client, id, code, key)),
    addExtraPackage: async (id, code, key) => written(await putAddon(client, id, code, key)),
    removeExtraPackage: (id, code, key) => deleteAddon(client, id, code, key),
    setStatus: async (id, s, key) => written(await setStatus(client, id, s, key)),
    remove: (id, key) => deleteCustomer(client, id, key),
    health: () => status(client),
    devices: {
      bind: async (id, casn, location, key) => written(await putSetTopBox(client, id, casn, location, key)),
      unbind: (id, casn, key) => deleteSetTopBox(client, id, casn, key),
    },
  };
}
