export { ispIntegratorConnector } from './definition';
export { IspIntegratorBilling } from './billing';
export type { IspIntegratorAccount, TvPlanSummary } from './account';
export { ispIntegratorConfigSchema } from './config';
export type { IspIntegratorConfig } from './config';
export { importSetTopBoxes } from './stb-import';
export type { StbImportResult } from './stb-import';
export * from './schemas';
