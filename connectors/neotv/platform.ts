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
  return {
    handleOf: (id) => Number(id),
    findByLogin: async (login) => {
      const u = await findUser(client, login);
      return u && remote(u);
    },
    create: async (input) => remote(await createUser(client, input)),
    setBasePackage: (id, code, key) => setMainPackage(client, id, code, key),
    addExtraPackage: (id, code, key) => addExtraPackage(client, id, code, key),
    removeExtraPackage: (id, code, key) => removeExtraPackage(client, id, code, key),
    setStatus: (id, status, key) => setStatus(client, id, status, key),
    remove: (id, key) => deleteUser(client, id, key),
    health: () => ping(client),
    devices: {
      bind: (id, casn, location, key) => addPoint(client, id, casn, location, key),
      unbind: (id, casn, key) => removePoint(client, id, casn, key),
      swap: (id, oldCasn, newCasn, key) => swapPoint(client, id, oldCasn, newCasn, key),
    },
  };
}
