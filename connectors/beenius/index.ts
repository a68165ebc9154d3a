export { BEENIUS_BILLING_FIELDS, beeniusBillingFields, beeniusConnector } from './definition';
export type { BeeniusConfig } from './schemas';
