import pino from 'pino';
import { redactPaths, type Logger } from '../../runtime/logger';

/** subsync's logger at `warn`, on stderr so stdout carries only the report. */
export function benchLogger(level = 'warn'): Logger {
  return pino({ name: 'subsync-bench', level, redact: { paths: redactPaths, censor: '[redacted]' } }, pino.destination(2));
}
