import { z } from 'zod';
import { AccountIdRule, accountIdSchema, genericAccountIdRule, lifecycleEventSchemaFor, text } from '../../domain/events';
import { DUE_DATE_PATTERN, MONTH_PATTERN } from '../operator/invoicing';
import { setTopBoxImportPort, tvInvoicingPort } from '../../connectors/tv-billing/port';
import { DEFAULT_STB_BILLING } from './operator-schemas';
import { described } from './schemas';

/**
 * What callers send, as zod schemas built for this deployment: billing systems are the
 * configured ones and event accounts have their billing system's shape, so the OpenAPI
 * document generated from these schemas says exactly what the server accepts. Objects are
 * strict (an unknown property is a 400 naming it, and the document says additionalProperties:
 * false); nothing is trimmed or coerced behind the caller's back.
 */
export interface BillingSystemInfo {
  kind: string;
  accountId?: AccountIdRule;
  /** Ids of the ports it implements beyond billing (`alsoImplements` of its connector): what it offers, such as TV invoicing. */
  offers?: string[];
}

/** Any name a billing system could have; reads of an unknown one simply find nothing (404). */
const anyBillingName = z.string().min(1).max(100).regex(/^[a-z][\w-]*$/, 'a billing system name');

/**
 * A set-top box file: the first line is "casn,asset_number[,model]" or "CASN;Patrimônio;Modelo"
 * (any case), and no field is quoted. Quotes are refused because an unbalanced one makes the
 * whole file unreadable, which no schema could say in advance; box data has no use for them.
 */
export const STB_CSV_PATTERN =
  /^(?:\uFEFF)?[ \t]*[Cc][Aa][Ss][Nn][ \t]*[,;][ \t]*(?:[Aa][Ss][Ss][Ee][Tt]_[Nn][Uu][Mm][Bb][Ee][Rr]|[Pp][Aa][Tt][Rr][Ii][Mm][OoÔô][Nn][Ii][Oo])[ \t]*(?:[,;][ \t]*[Mm][Oo][Dd][Ee][Ll][Oo]?[ \t]*)?(?:\r?\n|$)[^"]*$/;

function enumOf(names: string[], fallback: z.ZodType<string>, what = 'billing system'): z.ZodType<string> {
  if (!names.length) return fallback;
  return z.enum(names as [string, ...string[]], { error: (issue) => `no ${what} named "${String(issue.input).slice(0, 100)}"; configured: ${names.join(', ')}` });
}

/**
 * The union of the configured systems' account id shapes, one schema per distinct pattern (its
 * message names every system that shares it). The dispatcher then checks the account against
 * its own billing system's shape.
 */
function eventAccountSchema(billing: Record<string, BillingSystemInfo>): z.ZodType<string> {
  const byPattern = new Map<string, AccountIdRule[]>();
  for (const info of Object.values(billing)) {
    const rule = info.accountId ?? genericAccountIdRule;
    byPattern.set(rule.pattern.source, [...(byPattern.get(rule.pattern.source) ?? []), rule]);
  }
  const schemas = [...byPattern.values()].map((rules) =>
    accountIdSchema({ ...rules[0], maxLength: Math.max(...rules.map((r) => r.maxLength)), description: [...new Set(rules.map((r) => r.description))].join(', or ') }),
  );
  return schemas.length === 1 ? schemas[0] : z.union(schemas as unknown as [z.ZodType<string>, z.ZodType<string>]);
}

const waitFlag = (what: string) =>
  described(`"true": answer once ${what} (or the timeout ends); "false" or absent: answer at once`, z.enum(['true', 'false']).transform((v) => v === 'true').optional());
const timeoutMs = described('How long wait=true waits, in milliseconds', z.coerce.number().int().positive().max(300_000).optional());

export function requestSchemas(billing: Record<string, BillingSystemInfo>) {
  const names = Object.keys(billing);
  const offering = (port: { id: string }) => names.filter((n) => billing[n].offers?.includes(port.id));
  const invoicingNames = offering(tvInvoicingPort);
  const stbNames = offering(setTopBoxImportPort);
  const billingName = enumOf(names, anyBillingName);
  const invoicingBillingName = enumOf(invoicingNames, anyBillingName, 'billing system with TV invoicing');
  const stbBillingName = enumOf(stbNames, anyBillingName, 'billing system that imports set-top boxes');
  const account = eventAccountSchema(billing);

  return {
    event: lifecycleEventSchemaFor({ billing: billingName, account }),
    submitEventQuery: z.object({ wait: waitFlag('the event is applied'), timeoutMs }),
    subscriberParams: z.object({ billing: anyBillingName, account: accountIdSchema() }),
    operatorDecisionBody: z.strictObject({
      by: described('Who decided, kept beside the credential in the audit trail (an operator behind a shared tool)', text(200).optional()),
      note: described('Why, for the audit trail', text(2000).optional()),
    }),
    waitQuery: z.object({ wait: waitFlag('the run completed'), timeoutMs }),
    workflowIdParams: z.object({ workflowId: z.string().max(300).regex(/^[\w@+\-][\w.:@+\-]*$/, 'a workflow id') }),
    reconcileRequest: z.strictObject({
      billing: described('Billing system, e.g. isp-integrator', billingName),
      account: described("One account (in its billing system's shape); without it every account billing lists", account.optional()),
      repair: described('false (default): dry run, report only; true: sync every drifted account', z.boolean().default(false)),
    }),
    invoicingRunRequest: z.strictObject({
      billing: described('A billing system with TV invoicing; default: the one the config invoices', invoicingBillingName.optional()),
      dueDate: described('"Vencimento", YYYY-MM-DD, between 2000-01-01 and 2099-12-31; default: this month\'s due day', z.string().regex(DUE_DATE_PATTERN, 'a date between 2000-01-01 and 2099-12-31 as YYYY-MM-DD').optional()),
      dryRun: described('Save nothing; the result lists what would be created', z.boolean().optional()),
    }),
    scheduleNoteBody: z.strictObject({ note: described('Why, shown on the Schedule in the Temporal UI', text(500).optional()) }),
    backfillRequest: z.strictObject({
      month: described('The month to bill, YYYY-MM, between 2000-01 and 2099-12', z.string().regex(MONTH_PATTERN, 'a month between 2000-01 and 2099-12 as YYYY-MM')),
    }),
    stbImportQuery: z.object({
      billing: described('The billing system to import into (one that imports set-top boxes)', stbNames.includes(DEFAULT_STB_BILLING) || stbNames.length === 0 ? stbBillingName.default(DEFAULT_STB_BILLING) : stbBillingName),
    }),
    stbCsv: described(
      'CSV whose first line is the header casn,asset_number[,model] or CASN;Patrimônio;Modelo (any case; comma or semicolon), one box per line after it, no quoted fields',
      z.string().regex(STB_CSV_PATTERN, 'the first line must be the header casn,asset_number[,model] (or CASN;Patrimônio;Modelo), and no field may be quoted'),
    ),
  };
}

export type RequestSchemas = ReturnType<typeof requestSchemas>;
