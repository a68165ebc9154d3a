import type { BillingSystem, Port } from '../../connectors/ports';
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

/** Like billingNamed, for what only some billing systems offer (a port such as TV invoicing or set-top box import). */
export function billingWith<T>(connectors: Connectors, port: Port<T>, name: string): T {
  billingNamed(connectors, name);
  try {
    return connectors.get(port, name);
  } catch (err) {
    if (err instanceof UnknownConnectorError) throw new InvalidRequestError([{ path: 'billing', message: err.message }]);
    throw err;
  }
}
