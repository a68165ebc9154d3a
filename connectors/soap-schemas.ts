import { z } from 'zod';
import { PermanentError } from './errors';

/**
 * The zod helpers every SOAP connector's operations use: input checked before anything is sent,
 * answers parsed into typed values, and the xsd types node-soap hands over in its own way.
 * Each connector's schemas.ts re-exports them beside its own shapes.
 */

/** xsd:dateTime: node-soap gives a Date; we keep ISO 8601 strings. */
export const dateTime = z.preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.iso.datetime({ offset: true }));

/** Bad input from our side: a PermanentError('validation') naming the field, before anything is sent. */
export function validateInput<S extends z.ZodType>(system: string, operation: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new PermanentError(system, operation, 'validation', `invalid input: ${describe(parsed.error)}`);
}

/** A malformed answer: PermanentError('rejected') naming the field, instead of a crash further on. */
export function parseAnswer<S extends z.ZodType>(system: string, operation: string, schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new PermanentError(system, operation, 'rejected', `malformed answer: ${describe(parsed.error)}`);
}

/** Drops absent fields so node-soap does not serialise them as empty elements. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
