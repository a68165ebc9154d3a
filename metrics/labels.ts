/**
 * Label values stay a small, fixed set: every distinct value is a time series Prometheus keeps.
 * Values that come from configuration (billing systems, connectors) or from our own code
 * (operations, activity types) pass when they look like a name; anything else is folded.
 */
const NAME = /^[A-Za-z][\w.:-]{0,63}$/;

/** A name from our code or config, or "other" when it does not look like one (never a free-text value). */
export function nameLabel(value: string | undefined | null): string {
  return value && NAME.test(value) ? value : 'other';
}

/** A value from outside (an HTTP body) counted only when it is one we know; "unknown" otherwise. */
export function knownLabel(value: unknown, known: readonly string[]): string {
  return typeof value === 'string' && known.includes(value) ? value : 'unknown';
}
