/**
 * The logging surface connectors, activities and the server write to. pino's logger fits it
 * (runtime/logger.ts builds one); tests may pass any object of this shape.
 */
export interface LogFn {
  (obj: object, msg?: string): void;
  (msg: string): void;
}

export interface Logger {
  level: string;
  fatal: LogFn;
  error: LogFn;
  warn: LogFn;
  info: LogFn;
  debug: LogFn;
  trace: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}
