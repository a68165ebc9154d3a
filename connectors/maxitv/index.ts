import type { ConnectorDefinition } from '../ports';
import { LoginAddressedTvPlatform } from '../tv/platform';
import { tvPort, TvPlatform } from '../tv/port';
import { MaxiTvClient } from './client';
import { maxiTvOperations } from './platform';
import { MaxiTvConfig, maxiTvConfigSchema } from './schemas';

export type { MaxiTvConfig } from './schemas';

/** Maxi TV: bearer API token, form-encoded writes, Portuguese JSON; assinantes by login_radius, packages by id. */
export const maxiTvConnector: ConnectorDefinition<MaxiTvConfig, TvPlatform> = {
  kind: 'maxitv',
  title: 'Maxi TV',
  port: tvPort,
  features: { devices: true },
  configSchema: maxiTvConfigSchema,
  create: (name, config, deps) => new LoginAddressedTvPlatform(name, 'maxitv', 'Maxi TV', maxiTvOperations(new MaxiTvClient(name, config)), deps.logger),
};
