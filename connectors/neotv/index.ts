import type { ConnectorDefinition } from '../ports';
import { LoginAddressedTvPlatform } from '../tv/platform';
import { tvPort, TvPlatform } from '../tv/port';
import { NeoTvClient } from './client';
import { neoTvOperations } from './platform';
import { NeoTvConfig, neoTvConfigSchema } from './schemas';

export type { NeoTvConfig } from './schemas';

/** NEO TV: JSON REST with HTTP Basic auth and Portuguese fields; users by radius_login, packages by code. */
export const neoTvConnector: ConnectorDefinition<NeoTvConfig, TvPlatform> = {
  kind: 'neotv',
  title: 'NEO TV',
  port: tvPort,
  features: { devices: true },
  configSchema: neoTvConfigSchema,
  create: (name, config, deps) => new LoginAddressedTvPlatform(name, 'neotv', 'NEO TV', neoTvOperations(new NeoTvClient(name, config)), deps.logger),
};
