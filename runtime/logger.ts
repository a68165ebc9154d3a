import { Context } from '@temporalio/activity';
import pino, { Logger } from 'pino';

/**
 * One structured logger for the whole process. Credentials never reach a log line:
 * the redact list covers every field name our config and connectors use for secrets.
 */
export const redactPaths = [
  'password', '*.password', '*.*.password', 'token', '*.token', '*.*.token', 'apiKey', '*.apiKey', '*.*.apiKey',
  'secret', '*.secret', '*.*.secret', 'secrets', '*.secrets', '*.*.secrets', 'consumerSecret', '*.consumerSecret', 'tokenSecret', '*.tokenSecret',
  'authorization', '*.authorization', 'headers.authorization', 'headers.cookie', '*.headers.cookie', 'sessnum', '*.sessnum',
];

/** Inside an activity, every line names the workflow and activity it belongs to. */
export function activityFields(): Record<string, unknown> {
  try {
    const info = Context.current().info;
    return { workflowId: info.workflowExecution?.workflowId, runId: info.workflowExecution?.runId, activity: info.activityType, attempt: info.attempt };
  } catch {
    return {}; // not in an activity
  }
}

export function createLogger(options: { level?: string; name?: string } = {}): Logger {
  return pino({
    name: options.name ?? 'subsync',
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    mixin: activityFields,
  });
}

export type { Logger };
