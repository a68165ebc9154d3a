import { notificationTargetPort } from '../licensing/port';
import type { ConnectorDefinition } from '../ports';
import { InformaticsSapConfig, informaticsSapConfigSchema } from './config';
import type { InformaticsSapTarget } from './target';

/** The INFORMATICS SAP module (assumed SOAP receiver) as a target of license notifications. */
export const informaticsSapConnector: ConnectorDefinition<InformaticsSapConfig, InformaticsSapTarget> = {
  kind: 'informatics-sap',
  // ConnectorDefinition knows billing systems and platforms only; a notification target is neither
  // billing nor a service platform, and 'platform' is the side it sits on (outbound from subsync).
  title: 'INFORMATICS SAP module',
  port: notificationTargetPort,
  configSchema: informaticsSapConfigSchema,
  // The SOAP client loads with the first instance: a process whose config names no INFORMATICS SAP module never loads it.
  create(name, config, deps) {
    const { InformaticsSapClient } = require('./client') as typeof import('./client');
    const { InformaticsSapTarget } = require('./target') as typeof import('./target');
    return new InformaticsSapTarget(name, new InformaticsSapClient(config, deps.logger, name));
  },
};
