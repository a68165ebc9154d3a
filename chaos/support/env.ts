import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { merge } from '../../config/load';
import { startPostgres } from '../../tests/support/postgres';
import type { Scenario, ScenarioReport, Sizes } from '../scenarios';
import { ChaosCluster } from './cluster';
import { startDevTemporal, TemporalBackend } from './temporal';

export interface ChaosRunOptions {
  sizes: Sizes;
  progress: (m: string) => void;
  /** The Temporal service; default: a dev server with its history in a file of the scenario's dir. */
  temporal?: (dir: string) => Promise<TemporalBackend>;
  /** Where the scenario's logs stay (kept when it fails); default: a new temp dir, removed when it held. */
  dir?: string;
}

/**
 * One scenario on its own cluster: a fresh PostgreSQL database, a Temporal service, the
 * simulators process, the API and the scenario's workers. Everything is stopped afterwards; the
 * logs are kept when the scenario did not hold.
 */
export async function runScenario(scenario: Scenario, options: ChaosRunOptions): Promise<ScenarioReport & { dir: string }> {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), `subsync-chaos-${scenario.name}-`));
  const pg = await startPostgres();
  let temporal: TemporalBackend | undefined;
  let cluster: ChaosCluster | undefined;
  let held = false;
  try {
    temporal = await (options.temporal ?? startDevTemporal)(dir);
    options.progress(`${scenario.name}: starting PostgreSQL, ${temporal.description}, simulators, API and ${scenario.workers} worker(s)`);
    const config = merge({ invoicing: { pageSize: options.sizes.invoicingPageSize } }, scenario.config ?? {});
    cluster = await ChaosCluster.start({ dir, temporal, storeUrl: pg.url, workers: scenario.workers, config });
    const report = await scenario.run(cluster, options.sizes, (m) => options.progress(`${scenario.name}: ${m}`));
    held = report.problems.length === 0;
    return { ...report, dir };
  } finally {
    await cluster?.stop().catch((err) => options.progress(`stopping the cluster: ${err}`));
    await temporal?.stop().catch(() => undefined);
    await pg.stop().catch(() => undefined);
    if (held && !options.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}
