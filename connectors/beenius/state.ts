import type { PackageCatalog } from '../tv/catalog';
import type { TvSubscriberState } from '../tv/port';
import type { BeeniusSubscriber } from './schemas';

/** A Beenius subscriber in the port's terms: subscription UUIDs back to billing's package codes. */
export async function toTvState(sub: BeeniusSubscriber, catalog: PackageCatalog<string>): Promise<TvSubscriberState> {
  const state: TvSubscriberState = {
    subscriberId: String(sub.id),
    login: sub.username,
    status: sub.status === 'ACTIVE' ? 'active' : 'suspended',
    extraPackages: await Promise.all(sub.subscriptions.map((s) => catalog.codeOf(s.id))),
    devices: sub.devices.map((d) => (d.locationName === null ? { casn: d.casn } : { casn: d.casn, location: d.locationName })),
  };
  if (sub.baseSubscription) state.basePackage = await catalog.codeOf(sub.baseSubscription.id);
  if (sub.authPin) state.pin = sub.authPin;
  return state;
}
