import type { ConnectorDefinition } from '../ports';
import { tvPort, TvPlatform } from '../tv/port';
import { MaxiTvConfig, maxiTvConfigSchema } from './schemas';

/** Maxi TV: bearer API token, form-encoded writes, Portuguese JSON; assinantes by login_radius, packages by id. */
export const maxiTvConnector: ConnectorDefinition<MaxiTvConfig, TvPlatform> = {
  kind: 'maxitv',
  title: 'Maxi TV',
  port: tvPort,
  features: { devices: true },
  configSchema: maxiTvConfigSchema,
  // The protocol client loads with the first instance: a process whose config names no Maxi TV never loads it.
  create: (name, config, deps) => {
    const { LoginAddressedTvPlatform } = require('../tv/platform') as typeof import('../tv/platform');
    const { MaxiTvClient } = require('./client') as typeof import('./client');
    const { maxiTvOperations } = require('./platform') as typeof import('./platform');
    return new LoginAddressedTvPlatform(name, 'maxitv', 'Maxi TV', maxiTvOperations(new MaxiTvClient(name, config)), deps.logger);
  },
};
