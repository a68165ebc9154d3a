import { ApplicationFailure } from '@temporalio/workflow';
import type { LegacySubscriberActivities, SubscriberActivities } from '../activities/types';
import type { BillingAccount } from '../domain/billing';
import { periodId } from '../domain/period';
import type { ServiceSummary } from '../domain/policy';
import type { DesiredSlot } from '../domain/slot';
import { SubscriberKey, subscriberId } from '../domain/subscriber';
import { planV1, V1ServicePolicy } from '../kinds/v1-planners';
import type { Command, PricedService, SubscriberState } from './subscriber-state';

export type V1Activities = LegacySubscriberActivities & Pick<SubscriberActivities, 'recordAudit'>;

/**
 * A command the way release 0.1 ran it: one activity to read billing, one to plan each platform,
 * one per platform call, one for the audit. Only runs of that release use it, for the commands
 * their histories already hold (and one that was in flight at the upgrade); every later command
 * takes the one-activity path. The sequence of activities must stay exactly as it was: replaying a
 * history of that release checks it. Delete this file once no run of release 0.1 is open.
 */
export async function applyV1Command(ctx: { key: SubscriberKey; s: SubscriberState; cmd: Command; services: ServiceSummary[]; pricedServices: PricedService[]; act: V1Activities }): Promise<void> {
  const { key, s, cmd, act } = ctx;
  // Release 0.1 loaded its policy flat, with the kind under `role`.
  const services = ctx.services as unknown as V1ServicePolicy[];

  const event = cmd.event;
  if (cmd.type === 'charge') return chargeDueServices();
  if (event?.type === 'create' || event?.type === 'link') {
    if (event.login) s.loginOverride = event.login;
    await reconcile(true);
    return;
  }
  if (event?.type === 'payment') await retryUnpaidCharges();
  await reconcile(false);

  async function reconcile(mustExist: boolean): Promise<void> {
    let account = await act.readBillingAccount({ key });
    if (!account) {
      if (mustExist) throw ApplicationFailure.nonRetryable(`account ${key.account} does not exist in ${key.billing}`, 'AccountNotFound');
      account = { billing: key.billing, accountId: key.account, agreementId: s.agreementId ?? '', status: 'disabled', services: [] } satisfies BillingAccount;
    }
    const login = account.login ?? s.loginOverride;
    const activeServices = account.services.filter((x) => x.active).map((x) => x.service);
    const withLogin: BillingAccount = { ...account, login };
    for (const svc of services) {
      const slots = Object.entries(s.platforms).map(([slot, state]) => ({ slot, state }));
      for (const desired of planV1(withLogin, svc, { slots, seenActive: s.seenActive })) await converge(desired);
      if (activeServices.includes(svc.service) && !s.seenActive.includes(svc.service)) s.seenActive.push(svc.service);
    }
    s.status = account.status;
    s.blockReason = account.blockReason;
    s.agreementId = account.agreementId || s.agreementId;
    s.login = login;
    s.activeServices = activeServices;
    await act.recordAudit({ key, eventId: cmd.id, action: `applied:${cmd.type}`, detail: { status: s.status, platforms: Object.values(s.platforms).map((p) => ({ platform: p.platform, attached: p.attached, capabilities: p.capabilities })) } });
  }

  async function converge(desired: DesiredSlot): Promise<void> {
    const slot = desired.slot;
    const steps = await act.planPlatformSteps({ key, desired, known: s.platforms[slot] });
    for (const [i, step] of steps.entries()) {
      s.platforms[slot] = await act.applyPlatformStep({ key, step, idempotencyKey: `${subscriberId(key)}:${cmd.id}:${slot}:${i}:${step.op}` });
    }
    if (!desired.present && s.platforms[slot]) s.platforms[slot] = { ...s.platforms[slot], attached: false, capabilities: [] };
  }

  function chargeable(svc: PricedService): boolean {
    return s.status === 'active' && s.activeServices.includes(svc.service) && !s.charges[svc.service]?.unpaid;
  }

  async function chargeDueServices(): Promise<void> {
    for (const svc of ctx.pricedServices) {
      if (!chargeable(svc) || !s.agreementId) continue;
      const period = periodId(svc.charge.period, Date.now());
      if (s.charges[svc.service]?.lastPeriod === period) continue;
      const result = await act.chargeService({
        key, agreementId: s.agreementId, service: svc.service, period, amount: svc.charge.amount, comment: svc.charge.comment,
        idempotencyKey: `${subscriberId(key)}:${svc.service}:${period}`,
      });
      const entry = (s.charges[svc.service] ??= {});
      if (result.status === 'charged') {
        entry.lastPeriod = period;
      } else {
        entry.unpaid = { period, amount: svc.charge.amount };
        await act.setBillingBlock({ key, reason: 'insufficient_funds' });
        await reconcile(false);
      }
    }
  }

  async function retryUnpaidCharges(): Promise<void> {
    let paidAny = false;
    for (const svc of ctx.pricedServices) {
      const entry = s.charges[svc.service];
      if (!entry?.unpaid || !s.agreementId) continue;
      const { period, amount } = entry.unpaid;
      const result = await act.chargeService({ key, agreementId: s.agreementId, service: svc.service, period, amount, comment: svc.charge.comment, idempotencyKey: `${subscriberId(key)}:${svc.service}:${period}` });
      if (result.status === 'charged') {
        entry.unpaid = undefined;
        entry.lastPeriod = period;
        paidAny = true;
      }
    }
    if (paidAny && !Object.values(s.charges).some((c) => c.unpaid)) await act.setBillingBlock({ key, reason: null });
  }
}
