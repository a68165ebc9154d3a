import type { ConnectorDefinition } from '../ports';
import { tvPort, TvPlatform } from '../tv/port';
import { McrConfig, mcrConfigSchema } from './schemas';

/** MCR: RPC-style calls (look-ups through view.detail), token in the body, errors in the body. */
export const mcrConnector: ConnectorDefinition<McrConfig, TvPlatform> = {
  kind: 'mcr',
  title: 'MCR',
  port: tvPort,
  features: { devices: true },
  configSchema: mcrConfigSchema,
  // The protocol client loads with the first instance: a process whose config names no MCR never loads it.
  create: (name, config, deps) => {
    const { LoginAddressedTvPlatform } = require('../tv/platform') as typeof import('../tv/platform');
    const { McrClient } = require('./client') as typeof import('./client');
    const { mcrOperations } = require('./platform') as typeof import('./platform');
    return new LoginAddressedTvPlatform(name, 'mcr', 'MCR', mcrOperations(new McrClient(name, config)), deps.logger);
  },
};
