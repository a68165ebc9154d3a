import { z } from 'zod';

/**
 * Lifecycle events as billing sends them (HTTP API, CLI, watcher). Billing stays the source of
 * truth: an event says *that* something changed and the entity workflow re-reads the account
 * from billing before touching a platform, so a hook and the watcher reporting one change,
 * or events arriving twice, have one effect.
 *
 * Every field is refused rather than repaired: no trimming, no unknown properties, no control
 * characters, bounded lengths. What the schema says is exactly what is accepted, so the OpenAPI
 * document generated from it tells the truth, and nothing odd reaches a workflow id, an
 * idempotency key or the store.
 */

/** Printable text without leading/trailing spaces (those would make "ivanov" and "ivanov " two logins). */
const PRINTABLE = /^[^\s\x00-\x1f\x7f](?:[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f])?$/;
export const text = (max: number) =>
  z.string().min(1).max(max).regex(PRINTABLE, 'printable text without control characters or leading/trailing spaces');

const id = z.string().min(1, 'id is required').max(200).regex(/^[\w.:@\-/]+$/, 'id may hold letters, digits and _ . : @ - / only');
const name = z.string().min(1).max(100).regex(/^[\w.\-]+$/, 'letters, digits and _ . - only');

/**
 * How a billing system numbers its accounts. Each billing connector declares one
 * (`ConnectorDefinition.accountId`): the door accepts only ids of that shape, one spelling per
 * billing account, so "07" cannot become a second subscriber of account 7.
 */
export interface AccountIdRule {
  /** For error messages: "a LANBilling vgroup id: a positive integer without leading zeros". */
  description: string;
  /** The spellings the door accepts (anchored). */
  pattern: RegExp;
  maxLength: number;
  /**
   * The billing account an id reaches, in its accepted spelling ("07" → "7"), or undefined when
   * it reaches none. Finds subscribers that were created under another spelling.
   */
  canonical(id: string): string | undefined;
}

/**
 * Any billing system's account id: short, ASCII, no separators subsync uses itself (":" in
 * workflow ids and keys, "/" in URLs). Well below Temporal's workflow id limit (1000).
 */
export const ACCOUNT_ID_MAX = 64;
export const genericAccountIdRule: AccountIdRule = {
  description: 'an account id: 1-64 letters, digits, "_", ".", "-" or "@", not starting with "."',
  pattern: /^[A-Za-z0-9_@-][A-Za-z0-9_.@-]*$/,
  maxLength: ACCOUNT_ID_MAX,
  canonical: (id) => id,
};

export function accountIdSchema(rule: AccountIdRule = genericAccountIdRule) {
  // The pattern needs one character at least: an empty id fails it with the same message.
  const max = Math.min(rule.maxLength, ACCOUNT_ID_MAX);
  return z.string().max(max, { message: `at most ${max} characters`, abort: true }).regex(rule.pattern, `not ${rule.description}`);
}

/** A positive integer without leading zeros, as LANBilling and ISP-Integrator number their accounts. */
export function positiveIntegerIdRule(description: string): AccountIdRule {
  return {
    description,
    // 15 digits: every such number is a safe integer, so a connector's Number(id) is exact.
    pattern: /^[1-9][0-9]{0,14}$/,
    maxLength: 15,
    canonical(id) {
      if (!/^[0-9]{1,64}$/.test(id)) return undefined;
      const n = Number(id);
      return Number.isSafeInteger(n) && n > 0 ? String(n) : undefined;
    },
  };
}

export const blockReasonSchema = z.enum(['manager', 'insufficient_funds', 'user', 'other']);

/** What the HTTP API narrows for its deployment: the configured billing systems and their account id shapes. */
export interface EventFieldSchemas {
  billing?: z.ZodType<string>;
  account?: z.ZodType<string>;
}

/** The lifecycle event schema, with `billing` and `account` as given (the API's: the configured systems). */
export function lifecycleEventSchemaFor(fields: EventFieldSchemas = {}) {
  const base = {
    id,
    billing: fields.billing ?? name,
    account: fields.account ?? accountIdSchema(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
  };
  /** TV commands name the subscription (ISP-Integrator: the contracted plan) they concern. */
  const subscription = text(100);
  const tvPackageEvent = <T extends string>(type: T) => z.strictObject({ ...base, type: z.literal(type), subscription, package: text(100) });
  const tvPointEvent = <T extends string>(type: T) =>
    z.strictObject({ ...base, type: z.literal(type), subscription, point: text(100).optional(), casn: text(64).optional() });

  return z.discriminatedUnion('type', [
    z.strictObject({ ...base, type: z.literal('create'), login: text(200).optional() }),
    z.strictObject({ ...base, type: z.literal('link'), login: text(200) }),
    z.strictObject({ ...base, type: z.literal('activate') }),
    z.strictObject({ ...base, type: z.literal('block'), reason: blockReasonSchema.default('manager') }),
    z.strictObject({ ...base, type: z.literal('unblock'), reason: blockReasonSchema.optional() }),
    z.strictObject({ ...base, type: z.literal('disable'), service: name.optional() }),
    z.strictObject({ ...base, type: z.literal('service.enable'), service: name }),
    z.strictObject({ ...base, type: z.literal('service.disable'), service: name }),
    z.strictObject({ ...base, type: z.literal('payment'), amount: z.number().positive().max(1_000_000_000), paymentId: text(100).optional() }),
    tvPackageEvent('tv.package.add'),
    tvPackageEvent('tv.package.cancel'),
    tvPackageEvent('tv.package.delete'),
    tvPointEvent('tv.point.add'),
    tvPointEvent('tv.point.edit'),
    tvPointEvent('tv.point.swap'),
    tvPointEvent('tv.point.remove'),
    z.strictObject({ ...base, type: z.literal('plan.change'), subscription, plan: text(100) }),
    /** "Something changed, re-read billing": what the watcher sends when it cannot tell more. */
    z.strictObject({ ...base, type: z.literal('sync') }),
  ]);
}

export const lifecycleEventSchema = lifecycleEventSchemaFor();

export type LifecycleEvent = z.infer<typeof lifecycleEventSchema>;
export type LifecycleEventInput = z.input<typeof lifecycleEventSchema>;
export type LifecycleEventType = LifecycleEvent['type'];
export const lifecycleEventTypes = lifecycleEventSchema.options.map((o) => o.shape.type.value) as LifecycleEventType[];

/**
 * An accepted event as it travels to the subscriber workflow: set by the server, never by the
 * caller (the schema refuses the field). `submittedBy` names the API credential that sent it,
 * "<name> (<credential id>)"; absent for events subsync raised itself (watcher, reconcile).
 */
export type SubmittedEvent = LifecycleEvent & { submittedBy?: string };

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
