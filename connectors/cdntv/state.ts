import type { TvSubscriberState } from '../tv/port';
import type { CdnTvCustomer } from './schemas';

/** A CDN TV customer in the port's terms. */
export function toTvState(c: CdnTvCustomer): TvSubscriberState {
  const state: TvSubscriberState = {
    subscriberId: c.id,
    login: c.login,
    status: c.status === 'enabled' ? 'active' : 'suspended',
    extraPackages: c.addons,
    devices: c.set_top_boxes.map((b) => (b.room === null ? { casn: b.casn } : { casn: b.casn, location: b.room })),
  };
  if (c.plan !== null) state.basePackage = c.plan;
  return state;
}
