import type { TvSubscriberState } from '../tv/port';
import type { McrDetail } from './schemas';

/** An MCR view.detail record in the port's terms. */
export function toTvState(d: McrDetail): TvSubscriberState {
  const state: TvSubscriberState = {
    subscriberId: d.code,
    login: d.login,
    status: d.situation === 'A' ? 'active' : 'suspended',
    extraPackages: d.extras,
    devices: d.points.map((p) => (p.place === null ? { casn: p.casn } : { casn: p.casn, location: p.place })),
  };
  if (d.base !== null) state.basePackage = d.base;
  return state;
}
