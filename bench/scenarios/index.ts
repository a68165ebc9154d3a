import type { Scenario } from '../support/scenario';
import { lifecycleScenario } from './lifecycle';

/** Every scenario `npm run bench -- --scenario <name>` can run; `all` runs them in this order. */
export const scenarios: Scenario[] = [lifecycleScenario];
