/**
 * Identity of a subscriber: one billing account in one billing system. Everything subsync
 * keeps (the entity workflow, links, ledger) hangs off this key.
 */
export interface SubscriberKey {
  billing: string;
  account: string;
}

/** "lanbilling:42": the key used as externalId on platforms and in idempotency keys. */
export function subscriberId(key: SubscriberKey): string {
  return `${key.billing}:${key.account}`;
}

/** The entity workflow's id: `subscriber:<billing-system>:<account-id>`. */
export function subscriberWorkflowId(key: SubscriberKey): string {
  return `subscriber:${subscriberId(key)}`;
}

export function parseSubscriberWorkflowId(workflowId: string): SubscriberKey | undefined {
  const m = /^subscriber:([^:]+):(.+)$/.exec(workflowId);
  return m ? { billing: m[1], account: m[2] } : undefined;
}

export type LifecycleStatus = 'new' | 'active' | 'blocked' | 'disabled';
