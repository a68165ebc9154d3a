import { Counter } from 'prom-client';
import { nameLabel } from './labels';
import { registry } from './registry';

/**
 * What became of one command of a subscriber workflow: applied on every platform, parked for an
 * operator (a permanent failure), skipped by an operator, or retried by an operator.
 */
export type CommandOutcome = 'applied' | 'parked' | 'skipped' | 'retried';

export interface CommandLabels {
  billing: string;
  /** The command's event type, e.g. "block". */
  command?: string;
  /** The service kind or service name the command converged, when the caller knows it. */
  service?: string;
  /** Why it parked: the failure type, e.g. "Permanent.not_found" or "MissingLogin". */
  reason?: string;
}

const commands = new Counter({
  name: 'subsync_commands_total',
  help: 'Subscriber commands by outcome (applied, parked, skipped, retried), billing system, command type, service and, for parked ones, the failure type',
  labelNames: ['billing', 'command', 'service', 'outcome', 'reason'],
  registers: [registry],
});

/** Call once per command outcome, from an activity (workflows cannot reach process metrics). */
export function recordCommandOutcome(outcome: CommandOutcome, labels: CommandLabels): void {
  commands.inc({
    outcome,
    billing: nameLabel(labels.billing),
    command: labels.command === undefined ? '' : nameLabel(labels.command),
    service: labels.service === undefined ? '' : nameLabel(labels.service),
    reason: outcome === 'parked' ? nameLabel(labels.reason) : '',
  });
}

/**
 * The subscriber workflow's audit actions as command outcomes: "applied:<type>", "parked" (with
 * detail.errorType), "operator-skip" and "operator-retry". Other actions count nothing.
 */
export function recordAuditedCommand(billing: string, action: string, detail?: Record<string, unknown> | null): void {
  if (action.startsWith('applied:')) recordCommandOutcome('applied', { billing, command: action.slice('applied:'.length) });
  else if (action === 'parked') recordCommandOutcome('parked', { billing, reason: typeof detail?.errorType === 'string' ? detail.errorType : undefined });
  else if (action === 'operator-skip') recordCommandOutcome('skipped', { billing });
  else if (action === 'operator-retry') recordCommandOutcome('retried', { billing });
}
