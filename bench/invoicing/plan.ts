import { defaultSeed, IspIntegratorSeed } from '../../simulators/isp-integrator/seed';

/** The billing system's name in the bench config (the default config's, which invoicing bills by default). */
export const BILLING = 'isp-integrator';

/**
 * The paid extras the generated customers get in turn (the simulator's `generate` hands out
 * `extraPackageIds[i % length]` to customer i): the default catalogue's TV extras, without
 * Deezer Família, which belongs on a music plan rather than the Beenius TV plan generated.
 */
export const BENCH_EXTRAS = ['PKG-HBO', 'PKG-TELECINE', 'PKG-ESPORTES'] as const;

/** The simulator's default catalogue (plans, packages, locations, boxes) without its demo customers, so every customer billed is a generated one. */
export const catalogueOnly: IspIntegratorSeed = { ...defaultSeed, customers: [] };

/** What invoicing `customers` generated customers must bill, in centavos, worked out from the catalogue rather than the run. */
export function expectedTotal(customers: number): number {
  const prices = BENCH_EXTRAS.map((id) => {
    const price = defaultSeed.packages?.find((p) => p.id === id)?.price;
    if (price === undefined) throw new Error(`the simulator's default catalogue has no priced package ${id}`);
    return price;
  });
  let total = 0;
  for (let i = 0; i < customers; i++) total += prices[i % prices.length]!;
  return total;
}
