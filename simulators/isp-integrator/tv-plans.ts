import { defaultSeed, IspIntegratorSeed } from './seed';

/** A TV platform billing sells plans for, by its code, and whether it has set-top points. */
export interface TvPlatformOffer {
  kind: string;
  devices: boolean;
}

/**
 * ISP-Integrator's seed with a TV plan for every platform: the seed's own plan where it has one
 * (its `tvPlatform` picks the platform), else a plan `TV-<KIND>` with the basic package; platforms
 * without set-top points refuse points. Tests and the bench use it, so a TV platform added to
 * the connector registry gets a plan without editing the seed.
 */
export function seedWithTvPlans(platforms: readonly TvPlatformOffer[], seed: IspIntegratorSeed = defaultSeed): { seed: IspIntegratorSeed; planByPlatform: Record<string, string> } {
  const plans = [...(seed.plans ?? [])];
  const planByPlatform: Record<string, string> = {};
  for (const p of platforms) {
    const existing = plans.find((plan) => plan.tvPlatform === p.kind);
    if (existing) planByPlatform[p.kind] = existing.id;
    else {
      const id = `TV-${p.kind.toUpperCase()}`;
      plans.push({ id, name: `TV Essencial (${p.kind})`, releasedPackageId: 'PKG-BASICO', tvPlatform: p.kind });
      planByPlatform[p.kind] = id;
    }
  }
  const withoutPoints = [...new Set([...(seed.platformsWithoutPoints ?? ['deezer']), ...platforms.filter((p) => !p.devices).map((p) => p.kind)])];
  return { seed: { ...seed, plans, platformsWithoutPoints: withoutPoints }, planByPlatform };
}

/** An extra billing sells for the platform: its own (platform code `<kind>-…`, e.g. Deezer's music options) if any, else a TV channel. */
export function extraPackageFor(platform: string, seed: IspIntegratorSeed = defaultSeed): { id: string; platformCode: string } {
  const packages = seed.packages ?? [];
  const own = packages.find((p) => p.extra && p.platformCode?.startsWith(`${platform}-`));
  const pkg = own ?? packages.find((p) => p.id === 'PKG-HBO')!;
  return { id: pkg.id, platformCode: pkg.platformCode ?? pkg.id };
}

/** The platform code of the base package a plan releases ("Pacote liberado no Plano"). */
export function basePackageCode(planId: string, seed: IspIntegratorSeed): string | undefined {
  const plan = seed.plans?.find((p) => p.id === planId);
  const pkg = seed.packages?.find((p) => p.id === plan?.releasedPackageId);
  return pkg ? (pkg.platformCode ?? pkg.id) : undefined;
}
