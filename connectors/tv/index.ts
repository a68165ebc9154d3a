export type { TvDevice, TvPlatform, TvSubscriberState } from './port';
export { tvPort } from './port';
