import { ApplicationFailure } from '@temporalio/common';
import type { BillingSystem } from '../connectors/ports';
import type { Connectors } from '../connectors/registry';
import type { BillingAccount } from '../domain/billing';
import type { Logger } from '../domain/logger';
import type { ServicePolicy } from '../domain/policy';
import type { DesiredSlot, SlotState } from '../domain/slot';
import { SubscriberKey, subscriberId } from '../domain/subscriber';
import type { AnyServiceKind, KindContext, PlatformStep } from '../kinds/kind';
import { serviceKind } from '../kinds/registry';

/** One slot a service kind wants converged, with the kind that knows how. */
export interface PlannedSlot {
  kind: AnyServiceKind;
  policy: ServicePolicy;
  desired: DesiredSlot;
}

export function kindOf(policy: ServicePolicy): AnyServiceKind {
  const kind = serviceKind(policy.kind);
  // Config validation refuses unknown kinds; this is a worker running with an older registry.
  if (!kind) throw ApplicationFailure.nonRetryable(`service "${policy.service}" is of kind "${policy.kind}", which this worker does not know`, 'UnknownServiceKind');
  return kind;
}

/** What every service of this billing system wants each of its platforms to hold for the account. */
export function planAccount(account: BillingAccount, services: readonly ServicePolicy[], slots: Record<string, SlotState>, seenActive: readonly string[]): PlannedSlot[] {
  return services.flatMap((policy) => {
    const kind = kindOf(policy);
    const known = Object.entries(slots)
      .filter(([, state]) => state.service === policy.service)
      .map(([slot, state]) => ({ slot, state }));
    return kind.plan(account, policy, { slots: known, seenActive }).map((desired: DesiredSlot) => ({ kind, policy, desired }));
  });
}

export interface ConvergeDeps {
  connectors: Connectors;
  logger: Logger;
}

export function kindContext(deps: ConvergeDeps, key: SubscriberKey, billing: BillingSystem, purpose: KindContext['purpose']): KindContext {
  return { key, externalId: subscriberId(key), connectors: deps.connectors, billing, logger: deps.logger, loginField: billing.loginField, purpose, platformIds: new Map() };
}

/**
 * Brings one slot's platform to what billing wants: plans against the platform's actual state,
 * then applies each step. `onConfirmed` sees each state the platform confirmed, as it happens,
 * so a later failure keeps what was done.
 */
export async function convergeSlot(
  ctx: KindContext,
  planned: PlannedSlot,
  known: SlotState | undefined,
  idempotencyPrefix: string,
  onConfirmed: (state: SlotState, step: PlatformStep) => Promise<void>,
): Promise<SlotState | undefined> {
  const { kind, desired } = planned;
  const steps: PlatformStep[] = await kind.planSteps(ctx, desired, known);
  let state = known;
  for (const [i, step] of steps.entries()) {
    state = await kind.applyStep(ctx, step, `${idempotencyPrefix}:${desired.slot}:${i}:${step.op}`);
    await onConfirmed(state, step);
  }
  // Billing wants nothing there and the platform holds nothing: the slot is detached whatever was known.
  if (!desired.present && state) state = { ...state, attached: false, capabilities: [] };
  return state;
}
