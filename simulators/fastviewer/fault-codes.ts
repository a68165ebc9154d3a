import { XmlRpcFault } from '@foxglove/xmlrpc';

/**
 * The fault codes the simulated FastViewer interfaces answer with. FastViewer publishes no
 * reference for them, so the numbering is ours (see README, "Faults"); the connector maps each
 * code to a connector error. Library-level faults keep the XML-RPC convention codes
 * (-32601 unknown method, -32602 bad parameters, -32500 server error).
 */
export const FAULT = {
  /** A parameter is missing or has the wrong type or value; the message names it. */
  INVALID_PARAMS: 1,
  /** No or wrong ASP credentials (HTTP Basic). */
  AUTH_FAILED: 2,
  /** A license must name the parent license it is created under. */
  PARENT_REQUIRED: 10,
  /** The parent license does not exist or is not one of the caller's. */
  PARENT_NOT_FOUND: 11,
  LICENSE_NOT_FOUND: 12,
  PROFILE_NOT_FOUND: 13,
  /** Another license under the parent already has this external reference. */
  LICENSE_EXISTS: 14,
  LICENSE_BLOCKED: 15,
  TRIAL_EXPIRED: 16,
  NOT_A_TRIAL: 17,
  SESSION_NOT_FOUND: 20,
  /** Starting the session would exceed the license's concurrent lines. */
  QUOTA_EXCEEDED: 21,
  /** The session is not in a state that allows the call (e.g. cancel a running session). */
  SESSION_STATE: 22,
  /** The license's profile does not include the function (e.g. recording). */
  FUNCTION_NOT_AVAILABLE: 24,
} as const;

export type FaultCode = (typeof FAULT)[keyof typeof FAULT];

export function fault(code: FaultCode, message: string): XmlRpcFault {
  return new XmlRpcFault(message, code);
}
