import type { Connectors } from '../connectors/registry';
import type { Logger } from '../domain/logger';
import type { SessionAction, SessionBooking, SessionView } from '../domain/session';
import type { SlotState } from '../domain/slot';

/**
 * What a service kind offers when its platform runs sessions (meetings on a license): booking
 * and control on the slot the subscriber workflow confirmed. The API calls these directly, as
 * an operator would: they answer at once, and a refusal (no line free, license blocked) is the
 * caller's answer, not a command to park.
 */
export interface SessionContext {
  connectors: Connectors;
  logger: Logger;
}

export interface SessionControl {
  /** Books a session on the slot's platform resource; the same reference returns the same session. */
  book(ctx: SessionContext, slot: SlotState, booking: SessionBooking & { reference: string }): Promise<SessionView>;
  /** The session as the platform sees it now; SessionNotFoundError when it is not one of this slot's. */
  read(ctx: SessionContext, slot: SlotState, sessionId: string): Promise<SessionView>;
  act(ctx: SessionContext, slot: SlotState, sessionId: string, action: SessionAction): Promise<SessionView>;
}

/**
 * The platform refused a session call for a reason the caller can act on: `refusal` is a stable
 * code ("quota_exceeded": every concurrent line is in use; "license_blocked", "trial_expired",
 * "session_state", "function_not_available"; "session_refused" for any other refusal).
 */
export class SessionRefusedError extends Error {
  override name = 'SessionRefusedError';
  constructor(
    readonly refusal: string,
    message: string,
  ) {
    super(message);
  }
}

/** No such session on this subscriber's resource. */
export class SessionNotFoundError extends Error {
  override name = 'SessionNotFoundError';
}
