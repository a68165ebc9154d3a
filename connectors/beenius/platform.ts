import { PackageCatalog } from '../tv/catalog';
import type { RemoteSubscriber, TvOperations } from '../tv/platform';
import type { BeeniusClient } from './client';
import { addSubscription } from './operations/add-subscription';
import { bindDevice } from './operations/bind-device';
import { createSubscriber } from './operations/create-subscriber';
import { deleteSubscriber } from './operations/delete-subscriber';
import { findSubscriber } from './operations/find-subscriber';
import { listSubscriptions } from './operations/list-subscriptions';
import { removeSubscription } from './operations/remove-subscription';
import { setBaseSubscription } from './operations/set-base-subscription';
import { setStatus } from './operations/set-status';
import { swapDevice } from './operations/swap-device';
import { systemInfo } from './operations/system-info';
import { unbindDevice } from './operations/unbind-device';
import type { BeeniusSubscriber } from './schemas';
import { toTvState } from './state';

/** Beenius addresses subscribers by numeric id and packages by subscription UUID. */
export function beeniusOperations(client: BeeniusClient): TvOperations<number> {
  const catalog = new PackageCatalog<string>(client.system, () => listSubscriptions(client));
  const remote = async (s: BeeniusSubscriber): Promise<RemoteSubscriber<number>> => ({ handle: s.id, state: await toTvState(s, catalog) });
  /** A write's answer, where the vendor's answer carries the subscriber. */
  const written = async (answer: BeeniusSubscriber | undefined) => (answer ? remote(answer) : undefined);
  return {
    handleOf: (id) => Number(id),
    findByLogin: async (login) => {
      const s = await findSubscriber(client, login);
      return s && remote(s);
    },
    create: async (input) => remote(await createSubscriber(client, input)),
    setBasePackage: async (id, code, key) => written(await setBaseSubscription(client, catalog, id, code, key)),
    addExtraPackage: async (id, code, key) => written(await addSubscription(client, catalog, id, code, key)),
    removeExtraPackage: (id, code, key) => removeSubscription(client, catalog, id, code, key),
    setStatus: async (id, status, key) => written(await setStatus(client, id, status, key)),
    remove: (id, key) => deleteSubscriber(client, id, key),
    health: () => systemInfo(client),
    devices: {
      bind: async (id, casn, location, key) => written(await bindDevice(client, id, casn, location, key)),
      unbind: (id, casn, key) => unbindDevice(client, id, casn, key),
      swap: async (id, oldCasn, newCasn, key) => written(await swapDevice(client, id, oldCasn, newCasn, key)),
    },
  };
}
