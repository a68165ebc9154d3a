import type { RemoteSubscriber, TvOperations } from '../tv/platform';
import type { McrClient } from './client';
import { packageAdd } from './operations/package-add';
import { packageBase } from './operations/package-base';
import { packageRemove } from './operations/package-remove';
import { ping } from './operations/ping';
import { pointAdd } from './operations/point-add';
import { pointRemove } from './operations/point-remove';
import { pointSwap } from './operations/point-swap';
import { subscriberBlock } from './operations/subscriber-block';
import { subscriberCreate } from './operations/subscriber-create';
import { subscriberDelete } from './operations/subscriber-delete';
import { viewDetail } from './operations/view-detail';
import type { McrDetail } from './schemas';
import { toTvState } from './state';

/** MCR addresses everything by login; packages by code. */
export function mcrOperations(client: McrClient): TvOperations<string> {
  const remote = (d: McrDetail): RemoteSubscriber<string> => ({ handle: d.login, state: toTvState(d) });
  return {
    handleOf: (_id, login) => login,
    findByLogin: async (login) => {
      const d = await viewDetail(client, login);
      return d && remote(d);
    },
    create: async (input) => remote(await subscriberCreate(client, input)),
    setBasePackage: (login, code, key) => packageBase(client, login, code, key),
    addExtraPackage: (login, code, key) => packageAdd(client, login, code, key),
    removeExtraPackage: (login, code, key) => packageRemove(client, login, code, key),
    setStatus: (login, status, key) => subscriberBlock(client, login, status, key),
    remove: (login, key) => subscriberDelete(client, login, key),
    health: () => ping(client),
    devices: {
      bind: (login, casn, location, key) => pointAdd(client, login, casn, location, key),
      unbind: (login, casn, key) => pointRemove(client, login, casn, key),
      swap: (login, oldCasn, newCasn, key) => pointSwap(client, login, oldCasn, newCasn, key),
    },
  };
}
