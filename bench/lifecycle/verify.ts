import { LIFECYCLE } from './plan';
import type { LifecycleOutcome } from './simulators';

/**
 * Checks the run did the work it claims: every subscriber went through the whole lifecycle
 * on the platform (each expected event once per subscriber, no profile left) and was charged
 * once. Returns what is wrong; figures from a run that fails this are not worth recording.
 */
export function verifyOutcome(label: string, outcome: LifecycleOutcome, subscribers: number): string[] {
  const problems: string[] = [];
  const { profiles, events, charges } = outcome;
  const expected = new Map<string, number>();
  for (const step of LIFECYCLE) for (const type of step.platformEvents) expected.set(type, (expected.get(type) ?? 0) + subscribers);
  const seen = new Map<string, number>();
  for (const e of events) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
  for (const type of new Set([...expected.keys(), ...seen.keys()])) {
    if ((seen.get(type) ?? 0) !== (expected.get(type) ?? 0)) problems.push(`${label}: ${seen.get(type) ?? 0} platform "${type}" events, expected ${expected.get(type) ?? 0}`);
  }
  if (profiles) problems.push(`${label}: ${profiles} intercom profiles left, expected none`);
  if (charges !== subscribers) problems.push(`${label}: ${charges} charges in LANBilling, expected ${subscribers}`);
  return problems;
}
