import type { ConnectorDefinition } from '../ports';
import { LoginAddressedTvPlatform } from '../tv/platform';
import type { TvPlatform } from '../tv/port';
import { BeeniusClient } from './client';
import { beeniusOperations } from './platform';
import { BeeniusConfig, beeniusConfigSchema } from './schemas';

export type { BeeniusConfig } from './schemas';

/** Multi TV Beenius: OAuth 1.0a-signed REST with the vendor media type; issues a subscriber id and auth PIN. */
export const beeniusConnector: ConnectorDefinition<BeeniusConfig, TvPlatform> = {
  kind: 'beenius',
  role: 'platform',
  configSchema: beeniusConfigSchema,
  create: (name, config, deps) => new LoginAddressedTvPlatform(name, 'beenius', 'Multi TV Beenius', beeniusOperations(new BeeniusClient(name, config)), deps.logger),
};
