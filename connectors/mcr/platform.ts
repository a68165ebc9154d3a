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
  /** A write's answer, where the vendor's answer carries the subscriber. */
  const written = async (answer: McrDetail | undefined) => (answer ? remote(answer) : undefined);
  return {
    handleOf: (_id, login) => login,
    findByLogin: async (login) => {
      const d = await viewDetail(client, login);
      return d && remote(d);
    },
    create: async (input) => remote(await subscriberCreate(client, input)),
    setBasePackage: async (login, code, key) => written(await packageBase(client, login, code, key)),
    addExtraPackage: async (login, code, key) => written(await packageAdd(client, login, code, key)),
    removeExtraPackage: async (login, code, key) => written(await packageRemove(client, login, code, key)),
    setStatus: async (login, status, key) => written(await subscriberBlock(client, login, status, key)),
    remove: (login, key) => subscriberDelete(client, login, key),
    health: () => ping(client),
    devices: {
      bind: async (login, casn, location, key) => written(await pointAdd(client, login, casn, location, key)),
      unbind: async (login, casn, key) => written(await pointRemove(client, login, casn, key)),
      swap: async (login, oldCasn, newCasn, key) => written(await pointSwap(client, login, oldCasn, newCasn, key)),
    },
  };
}
