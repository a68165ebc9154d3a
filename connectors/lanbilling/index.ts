import { positiveIntegerIdRule } from '../../domain/events';
import { billingPort, ConnectorDefinition } from '../ports';
import { LanbillingBilling } from './billing';
import { LanbillingClient } from './client';
import { LanbillingConfig, lanbillingConfigSchema } from './config';

export { LanbillingBilling } from './billing';
export { LanbillingClient } from './client';
export type { LanbillingClientOptions } from './client';
export { lanbillingConfigSchema } from './config';
export type { LanbillingConfig, LanbillingConfigInput } from './config';
export { BLOCK_CODE_BY_REASON, digestOf } from './mapping';
export { API3_WSDL_DOC, formatLbDate } from './schemas';
export type { Address, Filter } from './schemas';

// The api3 operations, for acting as a LANBilling manager (tests, demo seeding, end-to-end tests).
export { getAccounts } from './operations/get-accounts';
export type { AccountListItem } from './operations/get-accounts';
export { insupdAccount } from './operations/insupd-account';
export type { AccountInput } from './operations/insupd-account';
export { getAgreements } from './operations/get-agreements';
export type { Agreement } from './operations/get-agreements';
export { insupdAgreement } from './operations/insupd-agreement';
export type { AgreementInput } from './operations/insupd-agreement';
export { getVgroups } from './operations/get-vgroups';
export type { VgroupBrief } from './operations/get-vgroups';
export { getVgroup } from './operations/get-vgroup';
export type { VgroupFull } from './operations/get-vgroup';
export { insupdVgroup } from './operations/insupd-vgroup';
export type { VgroupInput } from './operations/insupd-vgroup';
export { BLOCK_CODES, blkVgroup } from './operations/blk-vgroup';
export type { BlkVgroupInput } from './operations/blk-vgroup';
export { getBlockRasp } from './operations/get-block-rasp';
export type { BlockRecord } from './operations/get-block-rasp';
export { delVgroup } from './operations/del-vgroup';
export { getVgroupAddons } from './operations/get-vgroup-addons';
export type { VgroupAddon } from './operations/get-vgroup-addons';
export { setVgroupAddon } from './operations/set-vgroup-addon';
export type { SetVgroupAddonInput } from './operations/set-vgroup-addon';
export { getUsboxServices } from './operations/get-usbox-services';
export type { UsboxService } from './operations/get-usbox-services';
export { insupdUsboxService } from './operations/insupd-usbox-service';
export type { UsboxServiceInput } from './operations/insupd-usbox-service';
export { stopUsboxService } from './operations/stop-usbox-service';
export type { StopUsboxServiceInput } from './operations/stop-usbox-service';
export { delUsboxService } from './operations/del-usbox-service';
export { payment } from './operations/payment';
export type { PaymentInput } from './operations/payment';
export { getPayments } from './operations/get-payments';
export type { PaymentRecord } from './operations/get-payments';

/** LANBilling (api3 over SOAP) as a billing system. */
export const lanbillingConnector: ConnectorDefinition<LanbillingConfig, LanbillingBilling> = {
  kind: 'lanbilling',
  title: 'LANBilling',
  port: billingPort,
  configSchema: lanbillingConfigSchema,
  // The account is the vgroup (vgid). The connector reads it with Number(), so "07" would reach vgroup 7: one spelling only.
  accountId: positiveIntegerIdRule('a LANBilling account (vgroup id): a positive integer without leading zeros'),
  create(name, config, deps) {
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
