import type { PackageCatalog } from '../tv/catalog';
import type { TvSubscriberState } from '../tv/port';
import type { IonSubscriber } from './schemas';

/** ION product ids back to billing's package codes. */
export async function toTvState(s: IonSubscriber, catalog: PackageCatalog<number>): Promise<TvSubscriberState> {
  const base = s.products.find((p) => p.type === 'base');
  const state: TvSubscriberState = {
    subscriberId: s.subscriber_id,
    login: s.username,
    status: s.state === 'active' ? 'active' : 'suspended',
    extraPackages: await Promise.all(s.products.filter((p) => p.type === 'addon').map((p) => catalog.codeOf(p.product_id))),
    devices: s.stbs.map((b) => (b.label === null ? { casn: b.serial } : { casn: b.serial, location: b.label })),
  };
  if (base) state.basePackage = await catalog.codeOf(base.product_id);
  return state;
}
