export { intercomConfigSchema, intercomConnector } from './definition';
export type { IntercomConfig } from './definition';
export { IntercomPlatform } from './platform';
export { CAPABILITIES as INTERCOM_CAPABILITIES } from './schemas';
