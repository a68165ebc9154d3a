export { mcrConnector } from './definition';
export type { McrConfig } from './schemas';
