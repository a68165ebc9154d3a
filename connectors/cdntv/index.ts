export { cdnTvConnector } from './definition';
export type { CdnTvConfig } from './schemas';
