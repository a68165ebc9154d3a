import type { ConnectorDefinition } from '../ports';
import { tvPort, TvPlatform } from '../tv/port';
import { NeoTvConfig, neoTvConfigSchema } from './schemas';

/** NEO TV: JSON REST with HTTP Basic auth and Portuguese fields; users by radius_login, packages by code. */
export const neoTvConnector: ConnectorDefinition<NeoTvConfig, TvPlatform> = {
  kind: 'neotv',
  title: 'NEO TV',
  port: tvPort,
  features: { devices: true },
  configSchema: neoTvConfigSchema,
  // The protocol client loads with the first instance: a process whose config names no NEO TV never loads it.
  create: (name, config, deps) => {
    const { LoginAddressedTvPlatform } = require('../tv/platform') as typeof import('../tv/platform');
    const { NeoTvClient } = require('./client') as typeof import('./client');
    const { neoTvOperations } = require('./platform') as typeof import('./platform');
    return new LoginAddressedTvPlatform(name, 'neotv', 'NEO TV', neoTvOperations(new NeoTvClient(name, config)), deps.logger);
  },
};
