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
  /** A write's answer, where the vendor's answer carries the subscriber. */
  const written = async (answer: IonSubscriber | undefined) => (answer ? remote(answer) : undefined);
  return {
    handleOf: (id) => id,
    findByLogin: async (login) => {
      const s = await findSubscriber(client, login);
      return s && remote(s);
    },
    create: async (input) => remote(await createSubscriber(client, input)),
    setBasePackage: async (id, code, key) => written(await setBaseProduct(client, catalog, id, code, key)),
    addExtraPackage: async (id, code, key) => written(await addProduct(client, catalog, id, code, key)),
    removeExtraPackage: (id, code, key) => removeProduct(client, catalog, id, code, key),
    setStatus: async (id, status, key) => written(await setState(client, id, status, key)),
    remove: (id, key) => deleteSubscriber(client, id, key),
    health: () => health(client),
    devices: {
      bind: async (id, casn, location, key) => written(await assignStb(client, id, casn, location, key)),
      unbind: (id, casn, key) => releaseStb(client, id, casn, key),
      swap: async (id, oldCasn, newCasn, key) => written(await swapStb(client, id, oldCasn, newCasn, key)),
    },
  };
}
