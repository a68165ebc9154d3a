import { z } from 'zod';
import type { LicenseCentralClient } from '../client';
import { LicenseUpdate, licenseUpdateSchema, validateInput } from '../schemas';
import { ContainerRequest, containerRequestSchema, toWire } from './depot';

/**
 * Depot: collects licenses of a ticket into a CmContainer (activation). The answer is the license
 * update to import; ConfirmReceipt completes it. Refused with ContainerMismatch when the
 * container's context does not match License Central's record, LicenseAlreadyActivated when
 * there is nothing left to collect.
 */
export async function activateLicenses(client: LicenseCentralClient, request: ContainerRequest): Promise<LicenseUpdate> {
  const input = validateInput(client.system, 'ActivateLicenses', containerRequestSchema, request);
  // License request, update, receipt: the documented three steps (CMLC_DOCS.receipts); the call itself is ours, contract in cmlc-api.wsdl.
  return (await client.call('ActivateLicenses', toWire(input), z.object({ update: licenseUpdateSchema }))).update;
}
