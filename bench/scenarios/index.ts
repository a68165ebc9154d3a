import type { Scenario } from '../support/scenario';
import { invoicingScenario } from './invoicing';
import { lifecycleScenario } from './lifecycle';
import { notificationsScenario } from './notifications';
import { tvScenario } from './tv';

/** Every scenario `npm run bench -- --scenario <name>` can run; `all` runs them in this order. */
export const scenarios: Scenario[] = [lifecycleScenario, tvScenario, invoicingScenario, notificationsScenario];
