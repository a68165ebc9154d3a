import { convergeSlot, kindContext, planAccount } from '../../activities/converge';
import { servicePolicies } from '../../activities/subscriber-activities';
import type { Config } from '../../config/schema';
import type { BillingSystem } from '../../connectors/ports';
import { buildConnectors } from '../../connectors/registry';
import type { BillingAccount } from '../../domain/billing';
import type { Logger } from '../../domain/logger';
import { servicesFor, ServicePolicy } from '../../domain/policy';
import type { SlotState } from '../../domain/slot';
import { subscriberId } from '../../domain/subscriber';

/** One billing system's commands by direct connector calls, with what the workflow would remember. */
export interface DirectCommands {
  billing: BillingSystem;
  /** The configured services of this billing system, with their kinds' settings. */
  services: ServicePolicy[];
  /** One command of the account: read it, plan, converge each platform slot; answers the account read. */
  apply(accountId: string, eventId: string): Promise<BillingAccount>;
}

/**
 * A command's platform work as the subscriber workflow's activity does it (activities/subscriber-
 * activities.ts `applyCommand`: read the account, plan, converge each slot, keys from the command's
 * id), without Temporal, store, audit or retries. What the workflow remembers between an account's
 * commands (the slots the platforms confirmed, the services seen active) is kept here per account,
 * so an account's commands must come in order. The connectors are built once, as a worker does.
 */
export function directCommands(options: { config: Config; logger: Logger; billing: string }): DirectCommands {
  const connectors = buildConnectors(options.config, { logger: options.logger });
  const billing = connectors.billing(options.billing);
  const services = servicesFor(servicePolicies(options.config), options.billing);
  const remembered = new Map<string, { seenActive: string[]; slots: Record<string, SlotState> }>();
  return {
    billing,
    services,
    async apply(accountId, eventId) {
      const key = { billing: options.billing, account: accountId };
      const memory = remembered.get(accountId) ?? { seenActive: [], slots: {} };
      remembered.set(accountId, memory);
      const account = await billing.getAccount(accountId);
      const ctx = kindContext({ connectors, logger: options.logger }, key, billing, 'apply');
      for (const planned of planAccount(account, services, memory.slots, memory.seenActive)) {
        const state = await convergeSlot(ctx, planned, memory.slots[planned.desired.slot], `${subscriberId(key)}:${eventId}`, async () => undefined);
        if (state) memory.slots[planned.desired.slot] = state;
      }
      const active = account.services.filter((x) => x.active).map((x) => x.service);
      memory.seenActive = [...new Set([...memory.seenActive, ...active])];
      return account;
    },
  };
}
