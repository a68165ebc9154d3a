import type { ConnectorDefinition } from '../ports';
import { LoginAddressedTvPlatform } from '../tv/platform';
import { tvPort, TvPlatform } from '../tv/port';
import { DeezerClient } from './client';
import { deezerOperations } from './platform';
import { DeezerConfig, deezerConfigSchema } from './schemas';

export type { DeezerConfig } from './schemas';

/** Deezer (sold through cariap.com.br): music accounts with an offer and options; supportsDevices = false. */
export const deezerConnector: ConnectorDefinition<DeezerConfig, TvPlatform> = {
  kind: 'deezer',
  title: 'Deezer',
  port: tvPort,
  features: { devices: false },
  configSchema: deezerConfigSchema,
  create: (name, config, deps) => new LoginAddressedTvPlatform(name, 'deezer', 'Deezer', deezerOperations(new DeezerClient(name, config)), deps.logger),
};
