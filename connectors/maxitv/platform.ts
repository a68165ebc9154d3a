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
  /** A write's answer, where the vendor's answer carries the subscriber. */
  const written = async (answer: MaxiTvAssinante | undefined) => (answer ? remote(answer) : undefined);
  return {
    handleOf: (id) => Number(id),
    findByLogin: async (login) => {
      const a = await findAssinante(client, login);
      return a && remote(a);
    },
    create: async (input) => remote(await createAssinante(client, input)),
    setBasePackage: async (id, code, key) => written(await setPacoteBasico(client, catalog, id, code, key)),
    addExtraPackage: async (id, code, key) => written(await addAdicional(client, catalog, id, code, key)),
    removeExtraPackage: (id, code, key) => removeAdicional(client, catalog, id, code, key),
    setStatus: async (id, s, key) => written(await setBloqueio(client, id, s, key)),
    remove: (id, key) => deleteAssinante(client, id, key),
    health: () => status(client),
    devices: {
      bind: async (id, casn, location, key) => written(await addPonto(client, id, casn, location, key)),
      unbind: (id, casn, key) => removePonto(client, id, casn, key),
      swap: async (id, oldCasn, newCasn, key) => written(await trocaPonto(client, id, oldCasn, newCasn, key)),
    },
  };
}
