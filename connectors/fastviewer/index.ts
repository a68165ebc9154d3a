export { fastviewerConfigSchema, fastviewerConnector } from './definition';
export type { FastViewerConfig } from './definition';
export { FastViewerLicensePlatform } from './platform';
export { FastViewerFaultError, FASTVIEWER_FAULTS } from './errors';
