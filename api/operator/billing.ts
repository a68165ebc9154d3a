import type { BillingSystem } from '../../connectors/ports';
import { IspIntegratorBilling } from '../../connectors/isp-integrator';
import type { Connectors } from '../../connectors/registry';
import { InvalidRequestError } from '../operations';

/** The configured billing system of that name; an unknown name is the caller's mistake (400 naming `billing`). */
export function billingNamed(connectors: Pick<Connectors, 'billing'>, name: string): BillingSystem {
  const system = connectors.billing.get(name);
  if (!system) throw new InvalidRequestError([{ path: 'billing', message: `no billing system named "${name}"; configured: ${[...connectors.billing.keys()].join(', ')}` }]);
  return system;
}

/** Like billingNamed, for what only ISP-Integrator does (TV invoicing, set-top box import). */
export function ispIntegratorNamed(connectors: Pick<Connectors, 'billing'>, name: string, what: string): IspIntegratorBilling {
  const system = billingNamed(connectors, name);
  if (!(system instanceof IspIntegratorBilling)) throw new InvalidRequestError([{ path: 'billing', message: `"${name}" is a ${system.kind} billing system; ${what} ISP-Integrator` }]);
  return system;
}
