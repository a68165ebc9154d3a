export { ionConnector } from './definition';
export type { IonConfig } from './schemas';
