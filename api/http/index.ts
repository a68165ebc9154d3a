export { buildApi, startApi, apiPortFromEnv, DEFAULT_API_PORT } from './api';
export type { ApiOptions, StartApiOptions, SubsyncApi } from './api';
export { isTemporalUnreachable } from './errors';
export type { ErrorBody } from './schemas';
