export { neoTvConnector } from './definition';
export type { NeoTvConfig } from './schemas';
