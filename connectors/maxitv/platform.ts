import { PackageCatalog } from '../tv/catalog';
import type { RemoteSubscriber, TvOperations } from '../tv/platform';
import type { MaxiTvClient } from './client';
import { addAdicional } from './operations/add-adicional';
import { addPonto } from './operations/add-ponto';
import { setBloqueio } from './operations/bloqueio';
import { createAssinante } from './operations/create-assinante';
import { deleteAssinante } from './operations/delete-assinante';
import { findAssinante } from './operations/find-assinante';
import { listPackages } from './operations/list-packages';
import { removeAdicional } from './operations/remove-adicional';
import { removePonto } from './operations/remove-ponto';
import { setPacoteBasico } from './operations/set-pacote-basico';
import { status } from './operations/status';
import { trocaPonto } from './operations/troca-ponto';
import type { MaxiTvAssinante } from './schemas';
import { toTvState } from './state';

/** Maxi TV addresses assinantes and packages by numeric id. */
export function maxiTvOperations(client: MaxiTvClient): TvOperations<number> {
  const catalog = new PackageCatalog<number>(client.system, () => listPackages(client));
  const remote = async (a: MaxiTvAssinante): Promise<RemoteSubscriber<number>> => ({ handle: a.id, state: await toTvState(a, catalog) });
  return {
    handleOf: (id) => Number(id),
    findByLogin: async (login) => {
      const a = await findAssinante(client, login);
      return a && remote(a);
    },
    create: async (input) => remote(await createAssinante(client, input)),
    setBasePackage: (id, code, key) => setPacoteBasico(client, catalog, id, code, key),
    addExtraPackage: (id, code, key) => addAdicional(client, catalog, id, code, key),
    removeExtraPackage: (id, code, key) => removeAdicional(client, catalog, id, code, key),
    setStatus: (id, s, key) => setBloqueio(client, id, s, key),
    remove: (id, key) => deleteAssinante(client, id, key),
    health: () => status(client),
    devices: {
      bind: (id, casn, location, key) => addPonto(client, id, casn, location, key),
      unbind: (id, casn, key) => removePonto(client, id, casn, key),
      swap: (id, oldCasn, newCasn, key) => trocaPonto(client, id, oldCasn, newCasn, key),
    },
  };
}
