import { PackageCatalog } from '../tv/catalog';
import type { RemoteSubscriber, TvOperations } from '../tv/platform';
import type { IonClient } from './client';
import { addProduct } from './operations/add-product';
import { assignStb } from './operations/assign-stb';
import { createSubscriber } from './operations/create-subscriber';
import { deleteSubscriber } from './operations/delete-subscriber';
import { findSubscriber } from './operations/find-subscriber';
import { health } from './operations/health';
import { listProducts } from './operations/list-products';
import { releaseStb } from './operations/release-stb';
import { removeProduct } from './operations/remove-product';
import { setBaseProduct } from './operations/set-base-product';
import { setState } from './operations/set-state';
import { swapStb } from './operations/swap-stb';
import type { IonSubscriber } from './schemas';
import { toTvState } from './state';

/** ION addresses subscribers by UUID and products by numeric id. */
export function ionOperations(client: IonClient): TvOperations<string> {
  const catalog = new PackageCatalog<number>(client.system, () => listProducts(client));
  const remote = async (s: IonSubscriber): Promise<RemoteSubscriber<string>> => ({ handle: s.subscriber_id, state: await toTvState(s, catalog) });
  return {
    handleOf: (id) => id,
    findByLogin: async (login) => {
      const s = await findSubscriber(client, login);
      return s && remote(s);
    },
    create: async (input) => remote(await createSubscriber(client, input)),
    setBasePackage: (id, code, key) => setBaseProduct(client, catalog, id, code, key),
    addExtraPackage: (id, code, key) => addProduct(client, catalog, id, code, key),
    removeExtraPackage: (id, code, key) => removeProduct(client, catalog, id, code, key),
    setStatus: (id, status, key) => setState(client, id, status, key),
    remove: (id, key) => deleteSubscriber(client, id, key),
    health: () => health(client),
    devices: {
      bind: (id, casn, location, key) => assignStb(client, id, casn, location, key),
      unbind: (id, casn, key) => releaseStb(client, id, casn, key),
      swap: (id, oldCasn, newCasn, key) => swapStb(client, id, oldCasn, newCasn, key),
    },
  };
}
