import { randomUUID } from 'node:crypto';
import { SubsyncClient } from '../../client/ts';
import type { SubmitEventResponse } from '../../api/operations';
import type { PlatformEvent, Profile } from '../../simulators/intercom';
import { LanbillingManager } from '../../simulators/lanbilling/manager';
import type { TestStack } from './stack';

export const FULL = ['app_open', 'door_key', 'handset_call', 'video_archive'];

/**
 * What the end-to-end failure tests look at and do, over a running TestStack: the intercom
 * platform's state as its simulator holds it, LANBilling's as its simulator holds it, a
 * manager acting over SOAP, and billing's hook sending events through the HTTP API.
 */
export class IntercomWorld {
  readonly lb: LanbillingManager;
  readonly api: SubsyncClient;

  constructor(readonly stack: TestStack) {
    this.lb = new LanbillingManager(stack.lanbilling.url);
    this.api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  }

  profile(login: string): Profile | undefined {
    return this.stack.intercom.state().profiles.find((p) => p.login === login);
  }

  address(login: string, account: string) {
    return this.profile(login)?.addresses.find((a) => a.externalId === `lanbilling:${account}`);
  }

  /** The account's capabilities on the platform, sorted; [] when it has no address. */
  caps(login: string, account: string): string[] {
    return [...(this.address(login, account)?.capabilities ?? [])].sort();
  }

  /** Platform events about this account's address. */
  platformEvents(account: string): PlatformEvent[] {
    return this.stack.intercom.state().events.filter((e) => e.externalId === `lanbilling:${account}`);
  }

  /** Requests the platform simulator received (every one is logged, faulted or not). */
  platformRequests(): { operation: string; at: number; decision: string }[] {
    return [...this.stack.intercom.faults.requests];
  }

  vgroup(account: string) {
    return this.stack.lanbilling.state().vgroups.find((v) => String(v.vgid) === account);
  }

  /** The subscriber's `applied:*` audit entries, oldest first: one per command that took effect. */
  async appliedAudit(account: string): Promise<{ eventId: string | null; action: string }[]> {
    const newestFirst = await this.stack.app.store.auditTrail(`lanbilling:${account}`);
    return newestFirst
      .filter((a) => a.action.startsWith('applied:'))
      .reverse()
      .map((a) => ({ eventId: a.eventId ?? null, action: a.action }));
  }

  /** Billing's hook: one event with a fresh id. */
  send(account: string, type: string, extra: Record<string, unknown> = {}, options: { wait?: boolean } = { wait: true }): Promise<SubmitEventResponse> {
    return this.api.submitEvent({ id: `hook-${type}-${randomUUID()}`, billing: 'lanbilling', account, type, ...extra }, options.wait ? { wait: true, timeoutMs: 20_000 } : {});
  }

  /**
   * A subscriber as the seed's manager sets one up (customer, account with the login, activated,
   * periodic intercom service) and billing's `create` hook, applied: full capabilities.
   */
  async onboard(login: string, options: { balance?: number; address?: string } = {}): Promise<{ uid: number; agrmid: number; account: string }> {
    const { uid, agrmid } = await this.lb.createCustomer(`Абонент ${login}`, options.balance ?? 10_000);
    const account = await this.lb.createAccount(agrmid, login, options.address ?? `кв. ${login.slice(-3)}`);
    await this.lb.activate(account);
    await this.lb.addIntercom(account);
    const res = await this.send(account, 'create');
    if (res.status !== 'applied') throw new Error(`onboarding ${account} ended ${res.status}`);
    return { uid, agrmid, account };
  }
}
