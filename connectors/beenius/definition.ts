import type { ConnectorDefinition } from '../ports';
import { tvPort, TvPlatform, TvSubscriberState } from '../tv/port';
import { BeeniusConfig, beeniusConfigSchema } from './schemas';

/** Multi TV Beenius: OAuth 1.0a-signed REST with the vendor media type; issues a subscriber id and auth PIN. */
export const beeniusConnector: ConnectorDefinition<BeeniusConfig, TvPlatform> = {
  kind: 'beenius',
  title: 'Multi TV Beenius',
  port: tvPort,
  features: { devices: true },
  configSchema: beeniusConfigSchema,
  // The protocol client (OAuth signing, axios) loads with the first instance: a process whose config names no Beenius never loads it.
  create: (name, config, deps) => {
    const { LoginAddressedTvPlatform } = require('../tv/platform') as typeof import('../tv/platform');
    const { BeeniusClient } = require('./client') as typeof import('./client');
    const { beeniusOperations } = require('./platform') as typeof import('./platform');
    return Object.assign(new LoginAddressedTvPlatform(name, 'beenius', 'Multi TV Beenius', beeniusOperations(new BeeniusClient(name, config)), deps.logger), {
      billingFields: beeniusBillingFields,
    });
  },
};

/** The billing extra fields ISP-Integrator fills "automatically" for Beenius (seed 002, "Campo Extra"). */
export const BEENIUS_BILLING_FIELDS = { subscriberId: 'ID Assinante Beenius', pin: 'Auth Pin Assinante Beenius' } as const;

export function beeniusBillingFields(state: TvSubscriberState): Record<string, string> {
  const fields: Record<string, string> = { [BEENIUS_BILLING_FIELDS.subscriberId]: state.subscriberId };
  if (state.pin !== undefined) fields[BEENIUS_BILLING_FIELDS.pin] = state.pin;
  return fields;
}
