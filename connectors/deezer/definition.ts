import type { ConnectorDefinition } from '../ports';
import { tvPort, TvPlatform } from '../tv/port';
import { DeezerConfig, deezerConfigSchema } from './schemas';

/** Deezer (sold through cariap.com.br): music accounts with an offer and options; supportsDevices = false. */
export const deezerConnector: ConnectorDefinition<DeezerConfig, TvPlatform> = {
  kind: 'deezer',
  title: 'Deezer',
  port: tvPort,
  features: { devices: false },
  configSchema: deezerConfigSchema,
  // The protocol client loads with the first instance: a process whose config names no Deezer never loads it.
  create: (name, config, deps) => {
    const { LoginAddressedTvPlatform } = require('../tv/platform') as typeof import('../tv/platform');
    const { DeezerClient } = require('./client') as typeof import('./client');
    const { deezerOperations } = require('./platform') as typeof import('./platform');
    return new LoginAddressedTvPlatform(name, 'deezer', 'Deezer', deezerOperations(new DeezerClient(name, config)), deps.logger);
  },
};
