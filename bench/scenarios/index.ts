import type { Scenario } from '../support/scenario';
import { floorScenario } from './floor';
import { invoicingScenario } from './invoicing';
import { lifecycleScenario } from './lifecycle';
import { notificationsScenario } from './notifications';
import { tvScenario } from './tv';
import { usageScenario } from './usage';
import { watcherScenario } from './watcher';
import { workerScenario } from './worker';

/** Every scenario `npm run bench -- --scenario <name>` can run; `all` runs them in this order. */
export const scenarios: Scenario[] = [floorScenario, lifecycleScenario, tvScenario, invoicingScenario, usageScenario, watcherScenario, notificationsScenario, workerScenario];
