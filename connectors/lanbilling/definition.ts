import { positiveIntegerIdRule } from '../../domain/events';
import { billingPort, ConnectorDefinition } from '../ports';
import type { LanbillingBilling } from './billing';
import { LanbillingConfig, lanbillingConfigSchema } from './config';

/** LANBilling (api3 over SOAP) as a billing system. */
export const lanbillingConnector: ConnectorDefinition<LanbillingConfig, LanbillingBilling> = {
  kind: 'lanbilling',
  title: 'LANBilling',
  port: billingPort,
  configSchema: lanbillingConfigSchema,
  // The account is the vgroup (vgid). The connector reads it with Number(), so "07" would reach vgroup 7: one spelling only.
  accountId: positiveIntegerIdRule('a LANBilling account (vgroup id): a positive integer without leading zeros'),
  // The SOAP client loads with the first instance: a process whose config names no LANBilling never loads it.
  create(name, config, deps) {
    const { LanbillingClient } = require('./client') as typeof import('./client');
    const { LanbillingBilling } = require('./billing') as typeof import('./billing');
    const client = new LanbillingClient({
      url: config.url,
      wsdl: config.wsdl,
      login: config.login,
      password: config.password,
      timeoutMs: config.timeoutMs,
      logger: deps.logger,
      system: name,
    });
    return new LanbillingBilling(name, client, config, deps.logger);
  },
};
