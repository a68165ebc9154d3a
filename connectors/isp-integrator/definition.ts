import { positiveIntegerIdRule } from '../../domain/events';
import { billingPort, ConnectorDefinition } from '../ports';
import { setTopBoxImportPort, tvInvoicingPort } from '../tv-billing/port';
import type { IspIntegratorBilling } from './billing';
import { IspIntegratorConfig, ispIntegratorConfigSchema } from './config';

/** ISP-Integrator (EliteSoft, Brazil) billing over its REST API; see README.md. */
export const ispIntegratorConnector: ConnectorDefinition<IspIntegratorConfig, IspIntegratorBilling> = {
  kind: 'isp-integrator',
  title: 'ISP-Integrator',
  port: billingPort,
  // "Faturamento TV" and "Importar STB" (seed 002).
  alsoImplements: [tvInvoicingPort, setTopBoxImportPort],
  configSchema: ispIntegratorConfigSchema,
  // The account is the customer, by the code ISP-Integrator gives it: a number without leading zeros.
  accountId: positiveIntegerIdRule('an ISP-Integrator customer code: a positive integer without leading zeros'),
  // The REST client (and the set-top box import's CSV parser) loads with the first instance: a process whose config names no ISP-Integrator never loads it.
  create: (name, config, deps) => {
    const { IspIntegratorBilling } = require('./billing') as typeof import('./billing');
    return new IspIntegratorBilling(name, ispIntegratorConfigSchema.parse(config), deps.logger);
  },
};
