import type { ConnectorDefinition } from '../ports';
import { LoginAddressedTvPlatform } from '../tv/platform';
import { tvPort, TvPlatform, TvSubscriberState } from '../tv/port';
import { BeeniusClient } from './client';
import { beeniusOperations } from './platform';
import { BeeniusConfig, beeniusConfigSchema } from './schemas';

export type { BeeniusConfig } from './schemas';

/** Multi TV Beenius: OAuth 1.0a-signed REST with the vendor media type; issues a subscriber id and auth PIN. */
export const beeniusConnector: ConnectorDefinition<BeeniusConfig, TvPlatform> = {
  kind: 'beenius',
  title: 'Multi TV Beenius',
  port: tvPort,
  features: { devices: true },
  configSchema: beeniusConfigSchema,
  create: (name, config, deps) =>
    Object.assign(new LoginAddressedTvPlatform(name, 'beenius', 'Multi TV Beenius', beeniusOperations(new BeeniusClient(name, config)), deps.logger), {
      billingFields: beeniusBillingFields,
    }),
};

/** The billing extra fields ISP-Integrator fills "automatically" for Beenius (seed 002, "Campo Extra"). */
export const BEENIUS_BILLING_FIELDS = { subscriberId: 'ID Assinante Beenius', pin: 'Auth Pin Assinante Beenius' } as const;

export function beeniusBillingFields(state: TvSubscriberState): Record<string, string> {
  const fields: Record<string, string> = { [BEENIUS_BILLING_FIELDS.subscriberId]: state.subscriberId };
  if (state.pin !== undefined) fields[BEENIUS_BILLING_FIELDS.pin] = state.pin;
  return fields;
}
