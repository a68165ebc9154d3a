import { billingPort, ConnectorDefinition } from '../ports';
import { IspIntegratorBilling } from './billing';
import { IspIntegratorConfig, ispIntegratorConfigSchema } from './config';

/** ISP-Integrator (EliteSoft, Brazil) billing over its REST API; see README.md. */
export const ispIntegratorConnector: ConnectorDefinition<IspIntegratorConfig, IspIntegratorBilling> = {
  kind: 'isp-integrator',
  title: 'ISP-Integrator',
  port: billingPort,
  configSchema: ispIntegratorConfigSchema,
  create: (name, config, deps) => new IspIntegratorBilling(name, ispIntegratorConfigSchema.parse(config), deps.logger),
};

export { IspIntegratorBilling } from './billing';
export type { IspIntegratorAccount, TvPlanSummary } from './account';
export { ispIntegratorConfigSchema } from './config';
export type { IspIntegratorConfig } from './config';
export { importSetTopBoxes } from './stb-import';
export type { StbImportResult } from './stb-import';
export * from './schemas';
