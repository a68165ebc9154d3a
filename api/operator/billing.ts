import type { BillingSystem } from '../../connectors/ports';
import { IspIntegratorBilling } from '../../connectors/isp-integrator';
import { Connectors, UnknownConnectorError } from '../../connectors/registry';
import { InvalidRequestError } from '../operations';

/** The configured billing system of that name; an unknown name is the caller's mistake (400 naming `billing`). */
export function billingNamed(connectors: Connectors, name: string): BillingSystem {
  try {
    return connectors.billing(name);
  } catch (err) {
    if (err instanceof UnknownConnectorError) throw new InvalidRequestError([{ path: 'billing', message: err.message }]);
    throw err;
  }
}

/** Like billingNamed, for what only ISP-Integrator does (TV invoicing, set-top box import). */
export function ispIntegratorNamed(connectors: Connectors, name: string, what: string): IspIntegratorBilling {
  const system = billingNamed(connectors, name);
  if (!(system instanceof IspIntegratorBilling)) throw new InvalidRequestError([{ path: 'billing', message: `"${name}" is a ${system.kind} billing system; ${what} ISP-Integrator` }]);
  return system;
}
