export { deezerConnector } from './definition';
export type { DeezerConfig } from './schemas';
