import type { TvSubscriberState } from '../tv/port';
import type { DeezerAccount } from './schemas';

/** A Deezer account in the port's terms: the offer is the base package, options are extras, no devices. */
export function toTvState(a: DeezerAccount): TvSubscriberState {
  const state: TvSubscriberState = {
    subscriberId: String(a.id),
    login: a.partner_login,
    status: a.status === 'active' ? 'active' : 'suspended',
    extraPackages: a.options,
    devices: [],
  };
  if (a.offer !== null) state.basePackage = a.offer;
  return state;
}
