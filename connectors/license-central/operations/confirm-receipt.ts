import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { containerSerial, dateTime, licenseSchema, list, validateInput } from '../schemas';

const input = z.object({ containerSerial, updateId: z.string().min(1), firmUpdateCounter: z.number().int().nonnegative() }).strict();

export const receiptSchema = z.object({ updateId: z.string(), confirmed: dateTime, license: list(licenseSchema) });
export type Receipt = z.output<typeof receiptSchema>;

/**
 * Depot: the receipt of an imported update, carrying the container's new Firm Update Counter.
 * Refused with ContainerMismatch when the container is not in the state the update made.
 * Sending it twice returns the first confirmation.
 */
export async function confirmReceipt(client: LicenseCentralClient, request: z.input<typeof input>): Promise<Receipt> {
  const checked = validateInput(client.system, 'ConfirmReceipt', input, request);
  // Receipts and the Firm Update Counter are documented in KEYnote 29 (CMLC_DOCS.receipts); the call itself is ours, contract in cmlc-api.wsdl.
  return (await client.call('ConfirmReceipt', checked, z.object({ receipt: receiptSchema }))).receipt;
}
