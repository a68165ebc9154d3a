export { informaticsSapConnector } from './definition';
export { InformaticsSapClient } from './client';
export { informaticsSapConfigSchema } from './config';
export type { InformaticsSapConfig, InformaticsSapConfigInput } from './config';
export { INFORMATICS_DOCS } from './schemas';
export { InformaticsSapTarget } from './target';
export { transmitNotification } from './operations/transmit-notification';
export { getStatus } from './operations/get-status';
