import { Context } from '@temporalio/activity';
import pino, { Logger } from 'pino';
import type pretty from 'pino-pretty';

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

/** A string field longer than this is cut and marked, so one huge value (a SOAP body, a stack) cannot flood the log. */
export const DEFAULT_MAX_FIELD_LENGTH = 2000;

/** `value` with every string longer than `max` cut and marked; plain objects and arrays are walked, the rest is kept. */
export function truncateFields(value: unknown, max: number, depth = 0): unknown {
  if (typeof value === 'string') return value.length > max ? `${value.slice(0, max)}…[truncated ${value.length - max} chars]` : value;
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => truncateFields(v, max, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, truncateFields(v, max, depth + 1)]));
}

export type LogFormat = 'auto' | 'pretty' | 'json';

export interface LoggerOptions {
  level?: string;
  name?: string;
  /** auto (default, or LOG_FORMAT): pretty, coloured lines on a terminal, JSON lines otherwise. */
  format?: LogFormat;
  /** JSON lines appended to this file instead of stdout (default LOG_FILE); the tests log this way. */
  file?: string;
  maxFieldLength?: number;
}

/** Fields the pretty format shows in front of the message instead of in the trailing JSON. */
const shownUpFront = ['workflowId', 'activity', 'attempt', 'component'];
/** Fields a person does not need on a terminal (they stay in JSON logs). */
const hiddenWhenPretty = ['pid', 'hostname', 'name', 'runId', 'workflowRunId', 'namespace', 'isLocal', 'sdkComponent', 'activityId', 'activityType', 'workflowType', 'taskQueue'];

/**
 * The pretty format's options, shared with the test reporter that prints a failing test's log:
 * one line per entry, "time LEVEL workflow activity#attempt message {other fields}".
 */
export function prettyOptions(colorize: boolean): pretty.PrettyOptions {
  return {
    colorize,
    translateTime: 'SYS:HH:MM:ss.l',
    singleLine: true,
    ignore: [...hiddenWhenPretty, ...shownUpFront].join(','),
    // Only a real Error (err) gets its stack on the lines below; anything else stays on the entry's line.
    errorLikeObjectKeys: ['err'],
    messageFormat: (log, messageKey, _level, { colors }) => {
      const parts: string[] = [];
      // The SDK's own lines name the activity as activityType.
      const activity = log.activity ?? log.activityType;
      if (log.component) parts.push(colors.gray(`[${String(log.component)}]`));
      if (log.workflowId) parts.push(colors.cyan(String(log.workflowId)));
      if (activity) parts.push(colors.magenta(`${String(activity)}${Number(log.attempt) > 1 ? `#${String(log.attempt)}` : ''}`));
      parts.push(String(log[messageKey] ?? ''));
      return parts.join(' ');
    },
  };
}

function resolveFormat(format: LogFormat | undefined): 'pretty' | 'json' {
  const wanted = format ?? (process.env.LOG_FORMAT as LogFormat | undefined) ?? 'auto';
  if (wanted === 'pretty' || wanted === 'json') return wanted;
  return process.stdout.isTTY ? 'pretty' : 'json';
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const max = options.maxFieldLength ?? DEFAULT_MAX_FIELD_LENGTH;
  const file = options.file ?? process.env.LOG_FILE;
  const settings: pino.LoggerOptions = {
    name: options.name ?? 'subsync',
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: redactPaths, censor: '[redacted]' },
    mixin: activityFields,
    formatters: { log: (fields) => truncateFields(fields, max) as Record<string, unknown> },
    // The standard serializer's object has its own prototype; copied to a plain one, its message and stack are cut too.
    // An `err` that is already a message (a string) stays one, instead of being spread into one field per character.
    serializers: { err: (err: unknown) => (err !== null && typeof err === 'object' ? truncateFields({ ...pino.stdSerializers.err(err as Error) }, max) : truncateFields(err, max)) },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? truncateFields(a, max) : a)) as Parameters<typeof method>);
      },
    },
  };
  if (file) return pino(settings, pino.destination({ dest: file, append: true, mkdir: true, sync: true }));
  if (resolveFormat(options.format) === 'json') return pino(settings);
  // In-process and synchronous (no transport thread): nothing is lost when the process exits right after a line.
  // Loaded only here: a worker logging JSON or to a file does not carry the pretty printer.
  const { build } = require('pino-pretty') as typeof import('pino-pretty');
  return pino(settings, build({ ...prettyOptions(!!process.stdout.isTTY), destination: 1, sync: true }));
}

export type { Logger };
