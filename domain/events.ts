import { z } from 'zod';

/**
 * Lifecycle events as billing sends them (HTTP API, CLI, watcher). Billing stays the source of
 * truth: an event says *that* something changed and the entity workflow re-reads the account
 * from billing before touching a platform, so a hook and the watcher reporting one change,
 * or events arriving twice, have one effect.
 */
const id = z.string().trim().min(1, 'id is required').max(200).regex(/^[\w.:@\-/]+$/, 'id may hold letters, digits and _ . : @ - / only');
const name = z.string().trim().min(1).max(100).regex(/^[\w.\-]+$/, 'letters, digits and _ . - only');
const base = {
  id,
  billing: name,
  account: z.string().trim().min(1).max(100),
  occurredAt: z.iso.datetime({ offset: true }).optional(),
};
export const blockReasonSchema = z.enum(['manager', 'insufficient_funds', 'user', 'other']);

/** TV commands name the subscription (ISP-Integrator: the contracted plan) they concern. */
const subscription = z.string().trim().min(1).max(100);
const tvPackageEvent = <T extends string>(type: T) => z.object({ ...base, type: z.literal(type), subscription, package: z.string().trim().min(1).max(100) });
const tvPointEvent = <T extends string>(type: T) =>
  z.object({ ...base, type: z.literal(type), subscription, point: z.string().trim().min(1).max(100).optional(), casn: z.string().trim().min(1).max(64).optional() });

export const lifecycleEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('create'), login: z.string().trim().min(1).optional() }),
  z.object({ ...base, type: z.literal('link'), login: z.string().trim().min(1) }),
  z.object({ ...base, type: z.literal('activate') }),
  z.object({ ...base, type: z.literal('block'), reason: blockReasonSchema.default('manager') }),
  z.object({ ...base, type: z.literal('unblock'), reason: blockReasonSchema.optional() }),
  z.object({ ...base, type: z.literal('disable'), service: name.optional() }),
  z.object({ ...base, type: z.literal('service.enable'), service: name }),
  z.object({ ...base, type: z.literal('service.disable'), service: name }),
  z.object({ ...base, type: z.literal('payment'), amount: z.number().positive().finite(), paymentId: z.string().optional() }),
  tvPackageEvent('tv.package.add'),
  tvPackageEvent('tv.package.cancel'),
  tvPackageEvent('tv.package.delete'),
  tvPointEvent('tv.point.add'),
  tvPointEvent('tv.point.edit'),
  tvPointEvent('tv.point.swap'),
  tvPointEvent('tv.point.remove'),
  z.object({ ...base, type: z.literal('plan.change'), subscription, plan: z.string().trim().min(1).max(100) }),
  /** "Something changed, re-read billing": what the watcher sends when it cannot tell more. */
  z.object({ ...base, type: z.literal('sync') }),
]);

export type LifecycleEvent = z.infer<typeof lifecycleEventSchema>;
export type LifecycleEventInput = z.input<typeof lifecycleEventSchema>;
export type LifecycleEventType = LifecycleEvent['type'];
export const lifecycleEventTypes = lifecycleEventSchema.options.map((o) => o.shape.type.value) as LifecycleEventType[];

/** Turns zod issues into "field: message" lines for 400 answers and CLI errors. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(event)'}: ${i.message}`);
}

/**
 * The id a change gets when it is detected rather than sent: billing, account, what changed
 * and billing's own timestamp of the change. The watcher and a hook script computing it for
 * the same change get the same id, so the change has one effect.
 */
export function deterministicEventId(parts: { billing: string; account: string; type: string; stamp: string }): string {
  return `${parts.billing}:${parts.account}:${parts.type}:${parts.stamp.replace(/[^\w.:\-]/g, '_')}`;
}
