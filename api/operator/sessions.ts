import { randomUUID } from 'node:crypto';
import { Client, isGrpcServiceError, WorkflowNotFoundError } from '@temporalio/client';
import type { Connectors } from '../../connectors/registry';
import type { Logger } from '../../domain/logger';
import type { ServicePolicy } from '../../domain/policy';
import type { SessionAction, SessionRecord, SessionView } from '../../domain/session';
import type { SlotState } from '../../domain/slot';
import { SubscriberKey, subscriberId, subscriberWorkflowId } from '../../domain/subscriber';
import { serviceKind } from '../../kinds/registry';
import { SessionControl, SessionNotFoundError, SessionRefusedError } from '../../kinds/sessions';
import { recordSessionUpdate, sessionsQuery, stateQuery } from '../../workflows/definitions';
import { BookSessionRequest, InvalidRequestError, NotFoundError } from '../operations';

/**
 * Sessions for billing's and operators' callers: booked and controlled on the platform of the
 * subscriber's service whose kind runs sessions (a meeting license), at once and directly, then
 * recorded by the subscriber's workflow (update `recordSession`) and in the audit trail. The
 * platform answers for the quota: a refusal is a 409 naming why, and nothing is recorded.
 */
export interface SessionDeps {
  client: Client;
  connectors: Connectors;
  logger: Logger;
  services: Record<string, ServicePolicy>;
  /** The audit trail, under the caller's credential. */
  audit(subject: string, action: string, detail: Record<string, unknown>): Promise<void>;
}

interface Target {
  key: SubscriberKey;
  slot: SlotState;
  control: SessionControl;
}

export async function listSessions(deps: SessionDeps, billing: string, account: string): Promise<SessionRecord[]> {
  return onSubscriber({ billing, account }, () => deps.client.workflow.getHandle(subscriberWorkflowId({ billing, account })).query(sessionsQuery));
}

export async function bookSession(deps: SessionDeps, billing: string, account: string, request: BookSessionRequest): Promise<SessionRecord> {
  const target = await targetOf(deps, { billing, account }, request.service);
  const { service: _service, ...booking } = request;
  // Without the caller's reference a retried request books again; with it the platform returns the first booking.
  const session = await target.control.book({ connectors: deps.connectors, logger: deps.logger }, target.slot, { ...booking, reference: booking.reference ?? randomUUID() });
  return record(deps, target.key, session, 'book');
}

export async function getSession(deps: SessionDeps, billing: string, account: string, sessionId: string): Promise<SessionRecord> {
  const key = { billing, account };
  const recorded = await listSessions(deps, billing, account);
  const known = recorded.find((r) => r.sessionId === sessionId);
  const target = await targetOf(deps, key, known?.service);
  const session = await target.control.read({ connectors: deps.connectors, logger: deps.logger }, target.slot, sessionId);
  // A read is recorded only when the session moved on (ended in the portal, say): reads cost no history otherwise.
  if (known && known.status === session.status && known.recording === session.recording) return { ...known, ...session };
  return record(deps, key, session, 'read');
}

export async function controlSession(deps: SessionDeps, billing: string, account: string, sessionId: string, action: SessionAction): Promise<SessionRecord> {
  const key = { billing, account };
  const known = (await listSessions(deps, billing, account)).find((r) => r.sessionId === sessionId);
  const target = await targetOf(deps, key, known?.service);
  const session = await target.control.act({ connectors: deps.connectors, logger: deps.logger }, target.slot, sessionId, action);
  return record(deps, key, session, action);
}

/** The workflow records it (the platform confirmed it already), then the audit trail names it. */
async function record(deps: SessionDeps, key: SubscriberKey, session: SessionView, action: SessionRecord['lastAction']): Promise<SessionRecord> {
  const entry: SessionRecord = { ...session, lastAction: action, recordedAt: new Date().toISOString() };
  await onSubscriber(key, () => deps.client.workflow.getHandle(subscriberWorkflowId(key)).executeUpdate(recordSessionUpdate, { args: [entry] }));
  await deps.audit(subscriberId(key), `session.${action}`, { service: session.service, platform: session.platform, sessionId: session.sessionId, status: session.status });
  return entry;
}

/**
 * The slot sessions run on: the subscriber's confirmed slot of the named service, or of its only
 * service whose kind runs sessions.
 */
async function targetOf(deps: SessionDeps, key: SubscriberKey, service: string | undefined): Promise<Target> {
  const withSessions = Object.values(deps.services).filter((p) => p.billing.includes(key.billing) && serviceKind(p.kind)?.sessions);
  if (service !== undefined && !withSessions.some((p) => p.service === service)) {
    const policy = deps.services[service];
    const why = policy ? `service "${service}" (kind ${policy.kind}) has no sessions for ${key.billing}` : `no service "${service}" is configured`;
    throw new InvalidRequestError([{ path: 'service', message: `${why}; services with sessions: ${withSessions.map((p) => p.service).join(', ') || 'none'}` }]);
  }
  if (withSessions.length === 0) throw new NotFoundError(`no service with sessions is configured for ${key.billing}`);
  const view = await onSubscriber(key, () => deps.client.workflow.getHandle(subscriberWorkflowId(key)).query(stateQuery));
  const candidates = withSessions.filter((p) => service === undefined || p.service === service);
  const slots = view.platforms.filter((slot) => slot.attached && candidates.some((p) => p.service === slot.service));
  if (slots.length === 0) {
    throw new SessionRefusedError('no_license', `subscriber ${key.billing}/${key.account} has no ${candidates.map((p) => p.service).join(' or ')} on a platform yet (billing lists the service? the subscriber's last command applied?)`);
  }
  if (slots.length > 1) throw new InvalidRequestError([{ path: 'service', message: `subscriber ${key.billing}/${key.account} has sessions on ${slots.map((s) => s.service).join(', ')}; name one` }]);
  const slot = slots[0];
  return { key, slot, control: serviceKind(deps.services[slot.service].kind)!.sessions! };
}

/** A subscriber nobody has sent an event for has no workflow: 404. */
async function onSubscriber<T>(key: SubscriberKey, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || (isGrpcServiceError(err) && err.code === 5)) throw new NotFoundError(`no subscriber ${key.billing}/${key.account}`);
    throw err;
  }
}

export { SessionNotFoundError, SessionRefusedError };
