import { z } from 'zod';
import { PermanentError } from '../errors';

/**
 * Shapes of the receiver's messages (license-notification.wsdl). The INFORMATICS SAP module's
 * interface is not public: the contract is ours (see README.md). Where the module is mentioned:
 */
export const INFORMATICS_DOCS = {
  /** KEYnote 42: NotificationDispatcher transmits to the SAP module of INFORMATICS, Austria. */
  notificationDispatcher: 'https://viewer.joomag.com/keynote-42-english-fall-2021/0081351001637732106/p14',
  /** KEYnote: four ways to integrate License Central with SAP, INFORMATICS Holding GmbH (Linz) and its SAP framework. */
  sapIntegration: 'https://www.wibu.com/us/magazine/keynote-articles/keynote/detail/sap-codemeter-license-central-and-back-again.html',
} as const;

export const dateTime = z.preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.iso.datetime({ offset: true }));

export function validateInput<S extends z.ZodType>(system: string, operation: string, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new PermanentError(system, operation, 'validation', `invalid input: ${describe(parsed.error)}`);
}

export function parseAnswer<S extends z.ZodType>(system: string, operation: string, schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new PermanentError(system, operation, 'rejected', `malformed answer: ${describe(parsed.error)}`);
}

export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function describe(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
