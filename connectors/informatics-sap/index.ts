import { notificationTargetPort } from '../licensing/port';
import type { ConnectorDefinition } from '../ports';
import { InformaticsSapClient } from './client';
import { InformaticsSapConfig, informaticsSapConfigSchema } from './config';
import { InformaticsSapTarget } from './target';

export { InformaticsSapClient } from './client';
export { informaticsSapConfigSchema } from './config';
export type { InformaticsSapConfig, InformaticsSapConfigInput } from './config';
export { INFORMATICS_DOCS } from './schemas';
export { InformaticsSapTarget } from './target';
export { transmitNotification } from './operations/transmit-notification';
export { getStatus } from './operations/get-status';

/** The INFORMATICS SAP module (assumed SOAP receiver) as a target of license notifications. */
export const informaticsSapConnector: ConnectorDefinition<InformaticsSapConfig, InformaticsSapTarget> = {
  kind: 'informatics-sap',
  // ConnectorDefinition knows billing systems and platforms only; a notification target is neither
  // billing nor a service platform, and 'platform' is the side it sits on (outbound from subsync).
  title: 'INFORMATICS SAP module',
  port: notificationTargetPort,
  configSchema: informaticsSapConfigSchema,
  create(name, config, deps) {
    return new InformaticsSapTarget(name, new InformaticsSapClient(config, deps.logger, name));
  },
};
