import { z } from 'zod';
import { PermanentError } from '../errors';

/**
 * Shapes shared by the api3 operations. LANBilling publishes no reference pages for api3;
 * the contract is the api3.wsdl shipped with the billing core. Public copy used to model
 * names and fields:
 */
export const API3_WSDL_DOC = 'https://github.com/igormelz/lanbilling-payment-gateway/blob/master/src/main/resources/wsdl/api3.wsdl';

export const id = z.number().int().positive();

/** A repeated element: node-soap gives an array, a single object or nothing. */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value == null ? [] : Array.isArray(value) ? value : [value]), z.array(item));

/** `<xResponse><ret>…</ret>*</xResponse>`; an empty response element arrives as null. */
export const listResponse = <T extends z.ZodType>(item: T) => z.preprocess((value) => value ?? {}, z.object({ ret: list(item) }));

/** `<xResponse><ret>long</ret></xResponse>`: the new id for insupd*, 1 for done. */
export const longResponse = z.object({ ret: z.number().int() });

/** soapFilter, the selection every get* call takes. archive: 0 live only, 1 archived only, 2 both. */
export const filterSchema = z
  .object({
    // In the WSDL's sequence order: strict SOAP servers check it.
    agrmid: id.optional(),
    archive: z.union([z.literal(0), z.literal(1), z.literal(2)]).optional(),
    pgnum: id.optional(),
    pgsize: id.optional(),
    userid: id.optional(),
    vgid: id.optional(),
    login: z.string().min(1).optional(),
  })
  .strict();
export type Filter = z.input<typeof filterSchema>;

/** LANBilling dates: "YYYY-MM-DD HH:MM:SS" (the simulator keeps them in UTC). */
export const lbDate = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/, 'expected YYYY-MM-DD HH:MM:SS');

export function formatLbDate(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

export function parseLbDate(text: string): number {
  return Date.parse(`${text.length === 10 ? `${text} 00:00:00` : text}Z`.replace(' ', 'T'));
}

/** Bad input from our side: a PermanentError('validation') naming the field, before anything is sent. */
export function validateInput<S extends z.ZodType>(system: string, operation: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new PermanentError(system, operation, 'validation', `invalid input: ${describe(parsed.error)}`);
}

/** A malformed answer: PermanentError('rejected') naming the field, instead of a crash further on. */
export function parseAnswer<S extends z.ZodType>(system: string, operation: string, schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new PermanentError(system, operation, 'rejected', `malformed answer: ${describe(parsed.error)}`);
}

/** Drops absent fields so node-soap does not serialise them as empty elements. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
