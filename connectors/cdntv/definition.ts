import type { ConnectorDefinition } from '../ports';
import { tvPort, TvPlatform } from '../tv/port';
import { CdnTvConfig, cdnTvConfigSchema } from './schemas';

/** CDN TV: JSON REST with an X-Api-Key; customers by login, packages by code. */
export const cdnTvConnector: ConnectorDefinition<CdnTvConfig, TvPlatform> = {
  kind: 'cdntv',
  title: 'CDN TV',
  port: tvPort,
  features: { devices: true },
  configSchema: cdnTvConfigSchema,
  // The protocol client loads with the first instance: a process whose config names no CDN TV never loads it.
  create: (name, config, deps) => {
    const { LoginAddressedTvPlatform } = require('../tv/platform') as typeof import('../tv/platform');
    const { CdnTvClient } = require('./client') as typeof import('./client');
    const { cdnTvOperations } = require('./platform') as typeof import('./platform');
    return new LoginAddressedTvPlatform(name, 'cdntv', 'CDN TV', cdnTvOperations(new CdnTvClient(name, config)), deps.logger);
  },
};
