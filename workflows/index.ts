export { subscriberWorkflow } from './subscriber';
export { billingWatcherWorkflow } from './billing-watcher';
export { tvInvoicingWorkflow } from './tv-invoicing';
export { reconcileWorkflow } from './reconcile';
export { usageBillingWorkflow } from './usage-billing';
export { changeFeedPollerWorkflow } from './change-feed-poller';
export { outboxDeliveryWorkflow } from './outbox-delivery';
export { notificationReportWorkflow } from './notification-report';
