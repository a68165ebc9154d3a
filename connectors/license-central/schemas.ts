import { z } from 'zod';
import { dateTime } from '../soap-schemas';

export { compact, dateTime, parseAnswer, validateInput } from '../soap-schemas';

/**
 * Shapes shared by the CmLC-API operations, as the WSDL (cmlc-api.wsdl, served at `${url}?wsdl`)
 * defines them. Wibu-Systems does not publish the CmLC-API reference; the contract is ours, named
 * after the documented concepts (see README.md). Where each concept is documented:
 */
export const CMLC_DOCS = {
  /** White paper, 8.2: Admin, Sales and Depot interfaces, SOAP as the CmLC-API; Sales: item, customer data, order number -> ticket; same order number extends the ticket. */
  whitePaper: 'https://viewer.joomag.com/wibu-systems-white-paper/0271936001386689079/p36',
  /** KEYnote 42: NotificationDispatcher polls License Central for new orders, licenses, activations. */
  notificationDispatcher: 'https://www.wibu.com/magazine/keynote-articles/article/detail/retrieving-information-from-codemeter-license-central.html',
  /** KEYnote 35 (License Central 3.20): Withdraw, the license states. */
  withdraw: 'https://www.wibu.com/us/magazine/keynote-articles/keynote/detail/automatic-license-updates-1.html',
  /** KEYnote 29 (License Central 2.10): receipts, Firm Update Counter, "manipulation detected". */
  receipts: 'https://www.wibu.com/magazine/keynote-articles/article/detail/codemeter-license-central-210.html',
} as const;

/** A repeated element: node-soap gives an array, a single object or nothing. */
export const list = <T extends z.ZodType>(item: T) => z.preprocess((value) => (value == null ? [] : Array.isArray(value) ? value : [value]), z.array(item));


export const licenseState = z.enum(['NotCollected', 'CollectedUnconfirmed', 'Collected', 'ReturnedUnconfirmed', 'WithdrawalPending', 'Withdrawn']);
export type WireLicenseState = z.output<typeof licenseState>;

export const customerSchema = z.object({ customerNumber: z.string(), name: z.string().optional(), email: z.string().optional() });

export const orderLineSchema = z.object({ position: z.string(), firmCode: z.number().int(), productCode: z.number().int(), quantity: z.number().int() });

export const licenseSchema = z.object({
  licenseNumber: z.string(),
  ticket: z.string(),
  orderNumber: z.string(),
  position: z.string(),
  firmCode: z.number().int(),
  productCode: z.number().int(),
  itemName: z.string().optional(),
  state: licenseState,
  disabled: z.boolean(),
  containerSerial: z.string().optional(),
  firstActivation: dateTime.optional(),
  expiration: dateTime.optional(),
});
export type WireLicense = z.output<typeof licenseSchema>;

export const ticketSchema = z.object({
  ticket: z.string(),
  orderNumber: z.string(),
  customer: customerSchema.optional(),
  state: z.enum(['Enabled', 'Disabled']),
  created: dateTime,
  license: list(licenseSchema),
});
export type WireTicket = z.output<typeof ticketSchema>;

export const ticketAnswer = z.object({ ticket: ticketSchema });

export const licenseUpdateSchema = z.object({
  updateId: z.string(),
  containerSerial: z.string(),
  firmUpdateCounter: z.number().int(),
  license: list(licenseSchema),
});
export type LicenseUpdate = z.output<typeof licenseUpdateSchema>;

/** A ticket number as License Central writes it: five groups of five, e.g. ABCDE-FGHIJ-KLMNO-PQRST-UVWXY. */
export const ticketNumber = z.string().regex(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){4}$/, 'expected a ticket like ABCDE-FGHIJ-KLMNO-PQRST-UVWXY');
/** A CmContainer serial: mask-number, e.g. 130-1234567 (CmActLicense). */
export const containerSerial = z.string().regex(/^\d{1,5}-\d{1,10}$/, 'expected a container serial like 130-1234567');
