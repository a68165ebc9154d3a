import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { LicenseUpdate, licenseUpdateSchema, validateInput } from '../schemas';
import { ContainerRequest, containerRequestSchema, toWire } from './depot';

/** Depot: returns (deactivates) licenses from the container holding them; ConfirmReceipt completes it. */
export async function returnLicenses(client: LicenseCentralClient, request: ContainerRequest): Promise<LicenseUpdate> {
  const input = validateInput(client.system, 'ReturnLicenses', containerRequestSchema, request);
  // Returning licenses is documented for WebDepot ("transfer licenses"); the call itself is ours, contract in cmlc-api.wsdl.
  return (await client.call('ReturnLicenses', toWire(input), z.object({ update: licenseUpdateSchema }))).update;
}
