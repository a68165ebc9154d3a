import { ispIntegratorConnector } from '../../connectors/isp-integrator';
import { tvCatalogFromBilling } from '../../simulators/demo-seed';
import { createIspIntegratorSimulator } from '../../simulators/isp-integrator/server';
import { createTvSimulator, TvSimulator } from '../../simulators/tv';
import { simulatedTvPlatforms } from '../../simulators/tv/demo-platforms';
import { benchLogger } from '../support/logger';
import { progressLine, serveControl } from '../support/control-server';
import { runPool } from '../support/pool';
import { driveTv } from './drive';
import { benchIspSeed, BILLING, PreparedSubscriber, prepareInBilling, TV_LIFECYCLE, tvBenchSubscribers } from './plan';
import type { TvSimulatorUrls } from './simulators';

/**
 * Billing's process for the tv scenario: ISP-Integrator with its staff and its hooks, and the
 * seven TV platforms, each its simulator flavour on its own port, so the bench process's CPU and
 * memory are subsync's (API, worker). Control API (bench/support/control-server.ts):
 * `prepare {subscribers, concurrency}` (everything back to its seed, then the staff give N
 * customers a TV plan; answers them), `change {index, step}` (the staff's change in billing behind
 * prepared customer `index`'s command `step`, for the floor with the platform work), `drive {apiUrl,
 * apiKey, concurrency}` (billing's hooks send the TV lifecycle of the prepared customers through
 * subsync; answers the samples), `progress`, `states` (each platform's subscribers and event log).
 * Prints one JSON line with its URLs, then serves until killed.
 */
async function main(): Promise<void> {
  const logger = benchLogger();
  const { seed, planByPlatform } = benchIspSeed();
  const isp = createIspIntegratorSimulator({ seed });
  const ispUrl = await isp.start(0);
  const tv: Record<string, TvSimulator> = {};
  const platforms: TvSimulatorUrls['platforms'] = {};
  for (const p of simulatedTvPlatforms()) {
    const sim = createTvSimulator({ flavour: p.flavour, name: p.kind });
    await sim.start(0);
    // The platforms' operators set up billing's packages in their catalogues.
    sim.seed(tvCatalogFromBilling());
    tv[p.kind] = sim;
    platforms[p.kind] = { url: sim.url, ...sim.credentials };
  }
  // ISP-Integrator's staff, who make the change behind each event in billing (REST, untimed).
  const staff = ispIntegratorConnector.create(BILLING, { url: ispUrl, token: isp.token, timeoutMs: 30_000 }, { logger });
  let prepared: PreparedSubscriber[] = [];
  const progress = progressLine();

  const controlUrl = await serveControl({
    prepare: async ({ subscribers, concurrency }) => {
      // A second phase takes the same customers again: ISP-Integrator's RADIUS logins are unique, and
      // the checks count each platform's event log, so billing and the platforms start from their seed.
      isp.reset();
      for (const sim of Object.values(tv)) {
        sim.reset();
        sim.seed(tvCatalogFromBilling());
      }
      const wanted = tvBenchSubscribers(Number(subscribers));
      prepared = new Array(wanted.length);
      await runPool(wanted, Number(concurrency), async (s, i) => {
        prepared[i] = await prepareInBilling(staff, s, planByPlatform);
      });
      return prepared;
    },
    change: async ({ index, step }) => {
      const subscriber = prepared[Number(index)];
      if (!subscriber) throw new Error(`no prepared customer ${String(index)} (${prepared.length} prepared)`);
      const command = TV_LIFECYCLE.find((s) => s.type === step);
      if (!command) throw new Error(`no TV command "${String(step)}" (${TV_LIFECYCLE.map((s) => s.type).join(', ')})`);
      await command.inBilling(staff, subscriber);
      return null;
    },
    drive: ({ apiUrl, apiKey, concurrency }) =>
      driveTv({ apiUrl: String(apiUrl), apiKey: String(apiKey), staff, subscribers: prepared, concurrency: Number(concurrency), progress: progress.note }),
    progress: progress.handler,
    states: () =>
      Object.fromEntries(
        Object.entries(tv).map(([name, sim]) => {
          const { subscribers, events } = sim.state();
          return [name, { subscribers, events }];
        }),
      ),
  });
  const urls: TvSimulatorUrls = { ispUrl, ispToken: isp.token, platforms, controlUrl };
  process.stdout.write(`${JSON.stringify(urls)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
