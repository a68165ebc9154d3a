import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { containerSerial, LicenseUpdate, licenseUpdateSchema, validateInput } from '../schemas';

const input = z.object({ containerSerial, firmUpdateCounter: z.number().int().nonnegative() }).strict();

/** Depot: the automatic license update of a container: what the vendor changed for it (withdrawals), or nothing. */
export async function updateContainer(client: LicenseCentralClient, request: z.input<typeof input>): Promise<LicenseUpdate | undefined> {
  const checked = validateInput(client.system, 'UpdateContainer', input, request);
  // Automatic license updates are documented in KEYnote 35 (CMLC_DOCS.withdraw); the call itself is ours, contract in cmlc-api.wsdl.
  return (await client.call('UpdateContainer', checked, z.object({ update: licenseUpdateSchema.optional() }))).update;
}
