import { z } from 'zod';
import { lifecycleEventTypes, LifecycleEventType } from '../../domain/events';

/**
 * What an API credential may do: one scope per group of operations. `events:write` can be
 * narrowed to some event types and billing systems (a hook script that only blocks and
 * unblocks LANBilling accounts gets exactly that). `admin` is every scope.
 */
export const SCOPES = {
  'events:write': 'send lifecycle events (POST /v1/events); may be narrowed to event types and billing systems',
  'subscribers:read': "read a subscriber's state and the parked commands",
  'parked:resolve': 'retry or skip a parked command',
  'reconcile:run': 'start reconcile runs (dry run or repair) and read them',
  'invoicing:run': 'start TV invoicing runs and read them',
  'invoicing:schedule': 'show, pause, unpause, trigger and backfill the invoicing Schedule',
  'stb:import': 'import set-top boxes from a CSV file',
  'sessions:read': "list and read a subscriber's booked sessions",
  'sessions:control': 'book, start, end, cancel and record sessions on a subscriber\'s license',
  'usage:run': 'start usage billing runs (and dry runs), read them, the stored summaries and the Schedule',
  'notifications:read': "the notification endpoints, their backlog and failures, a message's attempt log",
  'notifications:resend': 'resend a notification message or recover the failed ones of an endpoint',
  'notifications:manage': 'enable and disable notification endpoints',
  'health:read': 'the full health report (without it /healthz answers only ok)',
  admin: 'every scope above',
} as const;

export type Scope = keyof typeof SCOPES;
export const scopeNames = Object.keys(SCOPES) as Scope[];

const billingName = z.string().min(1).max(100).regex(/^[a-z][\w-]*$/, 'a billing system name');

export const permissionSchema = z
  .strictObject({
    scope: z.enum(scopeNames as [Scope, ...Scope[]]),
    eventTypes: z.array(z.enum(lifecycleEventTypes as [LifecycleEventType, ...LifecycleEventType[]])).min(1).optional(),
    billing: z.array(billingName).min(1).optional(),
  })
  .refine((p) => p.scope === 'events:write' || (p.eventTypes === undefined && p.billing === undefined), {
    message: 'eventTypes and billing narrow events:write only',
  });
export type Permission = z.infer<typeof permissionSchema>;
export const permissionsSchema = z.array(permissionSchema).min(1, 'a credential needs at least one permission');

/** Whether the permissions grant the scope at all (for events:write, for some events at least). */
export function grants(permissions: readonly Permission[], scope: Scope): boolean {
  return permissions.some((p) => p.scope === 'admin' || p.scope === scope);
}

/**
 * Why the permissions do not cover this event, or undefined when they do. One permission must
 * cover both its type and its billing system.
 */
export function eventRefusal(permissions: readonly Permission[], event: { type: string; billing: string }): string | undefined {
  const covering = permissions.filter((p) => p.scope === 'admin' || p.scope === 'events:write');
  if (covering.some((p) => (!p.eventTypes || p.eventTypes.includes(event.type as LifecycleEventType)) && (!p.billing || p.billing.includes(event.billing)))) return undefined;
  const narrowed = covering.map(describePermission).join('; ');
  return `events:write is narrowed to ${narrowed}: not a "${event.type}" event for ${event.billing}`;
}

/** "events:write (types block, unblock; billing lanbilling)", as the CLI lists it. */
export function describePermission(p: Permission): string {
  const narrow = [p.eventTypes && `types ${p.eventTypes.join(', ')}`, p.billing && `billing ${p.billing.join(', ')}`].filter(Boolean);
  return narrow.length ? `${p.scope} (${narrow.join('; ')})` : p.scope;
}
