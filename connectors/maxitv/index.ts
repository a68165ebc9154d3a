export { maxiTvConnector } from './definition';
export type { MaxiTvConfig } from './schemas';
