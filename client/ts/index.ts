/**
 * The subsync TypeScript client: billing integrations import this.
 *
 *   const subsync = new SubsyncClient({ baseUrl: 'http://127.0.0.1:3000' });
 *   await subsync.submitEvent({ id, billing: 'lanbilling', account: '42', type: 'block', reason: 'manager' });
 */
export { SubsyncClient } from './client';
export type { SubsyncClientOptions } from './client';
export { SubsyncApiError } from './errors';
export { EventConflictError, InvalidEventError, NothingParkedError, NotFoundError } from '../operations';
export type {
  ComponentHealth,
  HealthReport,
  ParkedSummary,
  PendingActivityView,
  SubmitEventResponse,
  SubscriberDetails,
  SubsyncOperations,
} from '../operations';
export type { LifecycleEventInput, LifecycleEventType } from '../../domain/events';
export { deterministicEventId, lifecycleEventTypes } from '../../domain/events';
export type { OperatorDecision, SubscriberView } from '../../workflows/definitions';
