import type { Scenario } from '../support/scenario';
import { invoicingScenario } from './invoicing';
import { lifecycleScenario } from './lifecycle';
import { tvScenario } from './tv';
import { watcherScenario } from './watcher';

/** Every scenario `npm run bench -- --scenario <name>` can run; `all` runs them in this order. */
export const scenarios: Scenario[] = [lifecycleScenario, tvScenario, invoicingScenario, watcherScenario];
