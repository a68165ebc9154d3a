import type { RemoteSubscriber, TvOperations } from '../tv/platform';
import type { NeoTvClient } from './client';
import { addExtraPackage } from './operations/add-extra-package';
import { addPoint } from './operations/add-point';
import { createUser } from './operations/create-user';
import { deleteUser } from './operations/delete-user';
import { findUser } from './operations/find-user';
import { ping } from './operations/ping';
import { removeExtraPackage } from './operations/remove-extra-package';
import { removePoint } from './operations/remove-point';
import { setMainPackage } from './operations/set-main-package';
import { setStatus } from './operations/set-status';
import { swapPoint } from './operations/swap-point';
import type { NeoTvUser } from './schemas';
import { toTvState } from './state';

/** NEO TV addresses users by numeric id_usuario and packages by code. */
export function neoTvOperations(client: NeoTvClient): TvOperations<number> {
  const remote = (u: NeoTvUser): RemoteSubscriber<number> => ({ handle: u.id_usuario, state: toTvState(u) });
  /** A write's answer, where the vendor's answer carries the subscriber. */
  const written = async (answer: NeoTvUser | undefined) => (answer ? remote(answer) : undefined);
  return {
    handleOf: (id) => Number(id),
    findByLogin: async (login) => {
      const u = await findUser(client, login);
      return u && remote(u);
    },
    create: async (input) => remote(await createUser(client, input)),
    setBasePackage: async (id, code, key) => written(await setMainPackage(client, id, code, key)),
    addExtraPackage: async (id, code, key) => written(await addExtraPackage(client, id, code, key)),
    removeExtraPackage: async (id, code, key) => written(await removeExtraPackage(client, id, code, key)),
    setStatus: async (id, status, key) => written(await setStatus(client, id, status, key)),
    remove: (id, key) => deleteUser(client, id, key),
    health: () => ping(client),
    devices: {
      bind: async (id, casn, location, key) => written(await addPoint(client, id, casn, location, key)),
      unbind: async (id, casn, key) => written(await removePoint(client, id, casn, key)),
      swap: async (id, oldCasn, newCasn, key) => written(await swapPoint(client, id, oldCasn, newCasn, key)),
    },
  };
}
