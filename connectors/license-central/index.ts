export { licenseCentralConnector } from './definition';
export { LicenseCentralClient } from './client';
export { licenseCentralConfigSchema } from './config';
export type { LicenseCentralConfig, LicenseCentralConfigInput } from './config';
export { CmLcRefusal, cmlcFaultCode } from './errors';
export { LicenseCentralServer, lineIdOf } from './license-server';
export { STATUS_BY_STATE } from './mapping';
export { CMLC_DOCS } from './schemas';
export type { LicenseUpdate, WireLicense, WireTicket } from './schemas';
export { PartialOrderError } from '../licensing/errors';
export type { FailedOrderLine } from '../licensing/errors';

// The CmLC-API operations, one per file. The Depot ones are the licensee's side (WebDepot, an
// activation wizard): exported for tests, the demo and tools, not used by the LicenseServer.
export { getServerInfo } from './operations/get-server-info';
export type { ServerInfo } from './operations/get-server-info';
export { getOrderChanges } from './operations/get-order-changes';
export type { OrderChange } from './operations/get-order-changes';
export { getLicenseChanges } from './operations/get-license-changes';
export type { LicenseChangeRecord } from './operations/get-license-changes';
export { getActivationChanges } from './operations/get-activation-changes';
export type { ActivationChange } from './operations/get-activation-changes';
export type { ChangeAnswer, ChangeQuery } from './operations/change-query';
export { placeOrder } from './operations/place-order';
export type { LineResult, PlaceOrderAnswer, PlaceOrderInput } from './operations/place-order';
export { getTicket } from './operations/get-ticket';
export type { TicketRefInput } from './operations/get-ticket';
export { disableTicket } from './operations/disable-ticket';
export { enableTicket } from './operations/enable-ticket';
export { withdrawLicenses } from './operations/withdraw-licenses';
export { activateLicenses } from './operations/activate-licenses';
export { returnLicenses } from './operations/return-licenses';
export { updateContainer } from './operations/update-container';
export { confirmReceipt } from './operations/confirm-receipt';
export type { Receipt } from './operations/confirm-receipt';
export type { ContainerRequest } from './operations/depot';
