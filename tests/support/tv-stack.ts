import { ispIntegratorConnector, IspIntegratorBilling } from '../../connectors/isp-integrator';
import { createLogger } from '../../runtime/logger';
import { tvCatalogFromBilling } from '../../simulators/demo-seed';
import { createIspIntegratorSimulator, IspIntegratorSimulator } from '../../simulators/isp-integrator/server';
import { createTvSimulator, TvSimulator, tvFlavourNames } from '../../simulators/tv';
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
  const isp = createIspIntegratorSimulator();
  const ispUrl = await isp.start(0);
  const tv: Record<string, TvSimulator> = {};
  const platforms: Record<string, Record<string, unknown>> = {};
  for (const flavour of tvFlavourNames) {
    const sim = createTvSimulator({ flavour });
    await sim.start(0);
    sim.seed(tvCatalogFromBilling());
    tv[flavour] = sim;
    platforms[flavour] = { url: sim.url, ...sim.credentials, timeoutMs: 2000 };
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
