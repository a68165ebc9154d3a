import type { ConnectorDefinition } from '../ports';
import { tvPort, TvPlatform } from '../tv/port';
import { IonConfig, ionConfigSchema } from './schemas';

/** ION: OAuth 2 client-credentials bearer tokens; subscribers by username, products by numeric id. */
export const ionConnector: ConnectorDefinition<IonConfig, TvPlatform> = {
  kind: 'ion',
  title: 'ION',
  port: tvPort,
  features: { devices: true },
  configSchema: ionConfigSchema,
  // The protocol client loads with the first instance: a process whose config names no ION never loads it.
  create: (name, config, deps) => {
    const { LoginAddressedTvPlatform } = require('../tv/platform') as typeof import('../tv/platform');
    const { IonClient } = require('./client') as typeof import('./client');
    const { ionOperations } = require('./platform') as typeof import('./platform');
    return new LoginAddressedTvPlatform(name, 'ion', 'ION', ionOperations(new IonClient(name, config)), deps.logger);
  },
};
