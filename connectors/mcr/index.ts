import type { ConnectorDefinition } from '../ports';
import { LoginAddressedTvPlatform } from '../tv/platform';
import { tvPort, TvPlatform } from '../tv/port';
import { McrClient } from './client';
import { mcrOperations } from './platform';
import { McrConfig, mcrConfigSchema } from './schemas';

export type { McrConfig } from './schemas';

/** MCR: RPC-style calls (look-ups through view.detail), token in the body, errors in the body. */
export const mcrConnector: ConnectorDefinition<McrConfig, TvPlatform> = {
  kind: 'mcr',
  title: 'MCR',
  port: tvPort,
  features: { devices: true },
  configSchema: mcrConfigSchema,
  create: (name, config, deps) => new LoginAddressedTvPlatform(name, 'mcr', 'MCR', mcrOperations(new McrClient(name, config)), deps.logger),
};
