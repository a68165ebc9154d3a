import { beeniusConnector } from '../beenius';
import { cdnTvConnector } from '../cdntv';
import { deezerConnector } from '../deezer';
import { ionConnector } from '../ion';
import { maxiTvConnector } from '../maxitv';
import { mcrConnector } from '../mcr';
import { neoTvConnector } from '../neotv';
import type { ConnectorDefinition } from '../ports';
import type { TvPlatform } from './port';

export type { TvDevice, TvPlatform, TvSubscriberState } from './port';

/** The seven TV platforms ISP-Integrator integrates with, for the connector registry (`any`: each has its own config type). */
export const tvConnectors: ConnectorDefinition<any, TvPlatform>[] = [beeniusConnector, cdnTvConnector, ionConnector, neoTvConnector, mcrConnector, deezerConnector, maxiTvConnector];

export { beeniusConnector, cdnTvConnector, deezerConnector, ionConnector, maxiTvConnector, mcrConnector, neoTvConnector };
