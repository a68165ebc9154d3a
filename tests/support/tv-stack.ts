import { ispIntegratorConnector, IspIntegratorBilling } from '../../connectors/isp-integrator';
import { createLogger } from '../../runtime/logger';
import { tvCatalogFromBilling } from '../../simulators/demo-seed';
import { createIspIntegratorSimulator, IspIntegratorSimulator } from '../../simulators/isp-integrator/server';
import { createTvSimulator, TvSimulator } from '../../simulators/tv';
import { simulatedTvPlatforms } from '../../simulators/tv/demo-platforms';
import { seedWithTvPlans } from '../../simulators/isp-integrator/tv-plans';
import { connectorDefinition } from '../../connectors/registry';
import { startTestStack, TestStack } from './stack';

export interface TvTestStack extends TestStack {
  isp: IspIntegratorSimulator;
  /** ISP-Integrator as its staff uses it (REST, real socket). */
  staff: IspIntegratorBilling;
  tv: Record<string, TvSimulator>;
}

/**
 * The whole stack with ISP-Integrator and one simulator per TV platform (each speaking its
 * own flavour), their catalogs holding billing's packages as the platforms' operators set up.
 */
export async function startTvTestStack(overrides: Record<string, unknown> = {}, options: { watchers?: boolean } = {}): Promise<TvTestStack> {
  const simulated = simulatedTvPlatforms();
  // ISP-Integrator sells a TV plan for every platform the registry has, the seed's own where it has one.
  const { seed } = seedWithTvPlans(simulated.map((p) => ({ kind: p.kind, devices: connectorDefinition(p.kind)?.features?.devices ?? true })));
  const isp = createIspIntegratorSimulator({ seed });
  const ispUrl = await isp.start(0);
  const tv: Record<string, TvSimulator> = {};
  const platforms: Record<string, Record<string, unknown>> = {};
  // One simulator per TV connector in the registry, each under the connector's kind.
  for (const p of simulated) {
    const sim = createTvSimulator({ flavour: p.flavour, name: p.kind });
    await sim.start(0);
    sim.seed(tvCatalogFromBilling());
    tv[p.kind] = sim;
    platforms[p.kind] = { url: sim.url, ...sim.credentials, timeoutMs: 2000 };
  }
  const stack = await startTestStack({ billing: { 'isp-integrator': { url: ispUrl, token: isp.token, timeoutMs: 2000 } }, platforms, ...overrides }, options);
  const staff = ispIntegratorConnector.create('isp-integrator', { url: ispUrl, token: isp.token, timeoutMs: 5000 }, { logger: createLogger({ level: 'silent' }) });
  return {
    ...stack,
    isp,
    staff,
    tv,
    async stop() {
      await stack.stop();
      await isp.stop();
      for (const sim of Object.values(tv)) await sim.stop();
    },
  };
}
