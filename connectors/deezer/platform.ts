import type { RemoteSubscriber, TvOperations } from '../tv/platform';
import type { DeezerClient } from './client';
import { addOption } from './operations/add-option';
import { createAccount } from './operations/create-account';
import { deleteAccount } from './operations/delete-account';
import { findAccount } from './operations/find-account';
import { ping } from './operations/ping';
import { removeOption } from './operations/remove-option';
import { setOffer } from './operations/set-offer';
import { setStatus } from './operations/set-status';
import type { DeezerAccount } from './schemas';
import { toTvState } from './state';

/** Deezer addresses accounts by numeric id and offers/options by code. No `devices`: a music service has no set-top points. */
export function deezerOperations(client: DeezerClient): TvOperations<number> {
  const remote = (a: DeezerAccount): RemoteSubscriber<number> => ({ handle: a.id, state: toTvState(a) });
  /** A write's answer, where the vendor's answer carries the subscriber. */
  const written = async (answer: DeezerAccount | undefined) => (answer ? remote(answer) : undefined);
  return {
    handleOf: (id) => Number(id),
    findByLogin: async (login) => {
      const a = await findAccount(client, login);
      return a && remote(a);
    },
    create: async (input) => remote(await createAccount(client, input)),
    setBasePackage: async (id, code, key) => written(await setOffer(client, id, code, key)),
    addExtraPackage: async (id, code, key) => written(await addOption(client, id, code, key)),
    removeExtraPackage: async (id, code, key) => written(await removeOption(client, id, code, key)),
    setStatus: async (id, status, key) => written(await setStatus(client, id, status, key)),
    remove: (id, key) => deleteAccount(client, id, key),
    health: () => ping(client),
  };
}
