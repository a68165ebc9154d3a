import type { PackageCatalog } from '../tv/catalog';
import type { TvSubscriberState } from '../tv/port';
import type { MaxiTvAssinante } from './schemas';

/** A Maxi TV assinante in the port's terms: package ids back to billing's codes (siglas). */
export async function toTvState(a: MaxiTvAssinante, catalog: PackageCatalog<number>): Promise<TvSubscriberState> {
  const state: TvSubscriberState = {
    subscriberId: String(a.id),
    login: a.login_radius,
    status: a.situacao === 'ATIVO' ? 'active' : 'suspended',
    extraPackages: await Promise.all(a.adicionais.map((id) => catalog.codeOf(id))),
    devices: a.pontos.map((p) => (p.localizacao === null ? { casn: p.casn } : { casn: p.casn, location: p.localizacao })),
  };
  if (a.pacote_basico !== null) state.basePackage = await catalog.codeOf(a.pacote_basico);
  return state;
}
