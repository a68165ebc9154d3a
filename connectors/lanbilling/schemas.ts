import { z } from 'zod';

export { compact, parseAnswer, validateInput } from '../soap-schemas';

/**
 * Shapes shared by the api3 operations. LANBilling publishes no reference pages for api3;
 * the contract is the api3.wsdl shipped with the billing core (LANBilling 1.9 API). Public
 * copy, stored unchanged in simulators/lanbilling/vendor/:
 */
export const API3_WSDL_DOC = 'https://github.com/igormelz/lanbilling-payment-gateway/blob/master/src/main/resources/wsdl/api3.wsdl';

export const id = z.number().int().positive();

/**
 * Elements the vendor's types mark minOccurs="0" may be absent from an answer (a core of
 * another version, a proxy); absent ones read as the schema's `default`.
 */
export const long = (fallback = 0) => z.number().int().default(fallback);
export const double = (fallback = 0) => z.number().default(fallback);
export const text = (fallback = '') => z.string().default(fallback);

/** A repeated element: node-soap gives an array, a single object or nothing. */
export const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (value == null || value === '' ? [] : Array.isArray(value) ? value : [value]), z.array(item));

/**
 * `<xResponse><ret>…</ret>*</xResponse>`. The WSDL says at least one `ret`, but an empty list
 * comes back as an empty response element (null here), as gSOAP writes an empty array.
 */
export const listResponse = <T extends z.ZodType>(item: T) => z.preprocess((value) => value ?? {}, z.object({ ret: list(item) }));

/** `<xResponse><ret>long</ret></xResponse>`: the new id for insupd*, 1 for done. */
export const longResponse = z.object({ ret: z.number().int() });
/** `<xResponse><ret>long</ret></xResponse>` holding a new record's id. */
export const idResponse = z.object({ ret: id });

/** soapAddressBrief: an address of an account or a vgroup. */
export const addressSchema = z.object({ type: long(), code: text(), address: text() });
export type Address = z.output<typeof addressSchema>;

/**
 * The soapFilter elements subsync uses (the vendor's type has ~150; node-soap writes them in
 * the type's order). Absent means the vendor's default: no selection by that element.
 */
export const filterSchema = z
  .object({
    agentid: id.optional(),
    agrmid: id.optional(),
    /** 0 (default): live records; 1: archived ones. */
    archive: z.union([z.literal(0), z.literal(1)]).optional(),
    /** Category index within a tariff; the vendor's default -1 selects every category. */
    catidx: z.number().int().nonnegative().optional(),
    pgnum: id.optional(),
    pgsize: id.optional(),
    recordid: id.optional(),
    tarid: id.optional(),
    userid: id.optional(),
    vgid: id.optional(),
    agrmnum: z.string().min(1).optional(),
    login: z.string().min(1).optional(),
    receipt: z.string().min(1).optional(),
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
