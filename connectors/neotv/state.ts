import type { TvSubscriberState } from '../tv/port';
import type { NeoTvUser } from './schemas';

/** A NEO TV user in the port's terms. */
export function toTvState(u: NeoTvUser): TvSubscriberState {
  const state: TvSubscriberState = {
    subscriberId: String(u.id_usuario),
    login: u.radius_login,
    status: u.status === 'ativo' ? 'active' : 'suspended',
    extraPackages: u.pacotes_adicionais,
    devices: u.pontos.map((p) => (p.local === null ? { casn: p.casn } : { casn: p.casn, location: p.local })),
  };
  if (u.pacote_principal !== null) state.basePackage = u.pacote_principal;
  return state;
}
