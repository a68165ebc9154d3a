import { positiveIntegerIdRule } from '../../domain/events';
import { billingPort, ConnectorDefinition } from '../ports';
import { setTopBoxImportPort, tvInvoicingPort } from '../tv-billing/port';
import { IspIntegratorBilling } from './billing';
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
  create: (name, config, deps) => new IspIntegratorBilling(name, ispIntegratorConfigSchema.parse(config), deps.logger),
};

export { IspIntegratorBilling } from './billing';
export type { IspIntegratorAccount, TvPlanSummary } from './account';
export { ispIntegratorConfigSchema } from './config';
export type { IspIntegratorConfig } from './config';
export { importSetTopBoxes } from './stb-import';
export type { StbImportResult } from './stb-import';
export * from './schemas';
