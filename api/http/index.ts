export { buildApi, startApi, apiPortFromEnv, DEFAULT_API_PORT, DEFAULT_API_LIMITS } from './api';
export type { ApiLimits, ApiOptions, StartApiOptions, SubsyncApi } from './api';
export { isTemporalUnreachable } from './errors';
export type { ErrorBody } from './schemas';
