export { subscriberWorkflow } from './subscriber';
export { billingWatcherWorkflow } from './billing-watcher';
export { tvInvoicingWorkflow } from './tv-invoicing';
export { reconcileWorkflow } from './reconcile';
export { usageBillingWorkflow } from './usage-billing';
