import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import type { generateSync as GenerateSync, JsonSchema } from 'json-schema-faker';
import { startTestApi, TestApi } from '../client/support/api-server';
import { httpRequest } from '../client/support/http';

/**
 * The served OpenAPI document and the server agree. For every operation of the document,
 * fast-check draws requests: candidates generated from the operation's own schemas
 * (json-schema-faker, seeded by fast-check so a failure shrinks and replays), and mutations of
 * them (a property dropped or added, a wrong type, no body, another content type, a bad path
 * or query value). The document is the oracle: ajv validates each request against it, and
 *   - a request the document says is valid must be accepted (anything but 400/405/413/415/422 or a 5xx:
 *     404 and 409 are answers about state, such as "no such subscriber");
 *   - a request the document says is invalid must be a 4xx.
 * Runs against in-memory operations with a real credential store.
 */

interface Parameter {
  name: string;
  in: 'path' | 'query';
  required?: boolean;
  schema: Record<string, unknown>;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: { required: boolean; contentType: string; schema: Record<string, unknown> };
}
interface DrawnRequest {
  pathParams: Record<string, string>;
  query: Record<string, string>;
  body?: { contentType: string; raw: string };
}

const MUTATIONS = [
  'none',
  'none',
  'none',
  'drop-property',
  'unknown-property',
  'wrong-type',
  'long-string',
  'no-body',
  'not-an-object',
  'broken-json',
  'other-content-type',
  'bad-path-value',
  'bad-query-value',
  'empty-query-value',
] as const;
type Mutation = (typeof MUTATIONS)[number];

/** Statuses that say "your request is wrong" (or the server broke): never the answer to a valid request. */
const REFUSALS = [400, 405, 413, 415, 422];

// json-schema-faker ships ESM only and exports no `require` entry: load its module by path (jest compiles it).
const { generateSync } = require(path.resolve(__dirname, '../../node_modules/json-schema-faker/dist/index.js')) as { generateSync: typeof GenerateSync };

const bodyAjv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
// Path and query values arrive as text: "5" is the integer 5, as the server reads it.
const paramAjv = new Ajv2020({ strict: false, coerceTypes: true, validateFormats: false });

let api: TestApi;
let operations: Operation[];

beforeAll(async () => {
  // ~1000 requests from one credential: the rate limit is not what this test is about.
  api = await startTestApi({ limits: { rateLimit: { max: 100_000, timeWindowMs: 60_000 } } });
  const doc = (await httpRequest(api.url, { method: 'GET', url: '/openapi.json' })).json();
  operations = operationsOf(doc);
});
afterAll(() => api.close());

function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { required?: boolean; content: Record<string, { schema: Record<string, unknown> }> } }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const content = op.requestBody && Object.entries(op.requestBody.content)[0];
      return {
        method: method.toUpperCase(),
        path,
        parameters: op.parameters ?? [],
        body: content && { required: op.requestBody!.required === true, contentType: content[0], schema: content[1].schema },
      };
    }),
  );
}

function generate(schema: Record<string, unknown>, seed: number): unknown {
  return generateSync(schema as JsonSchema, { seed, optionalsProbability: 0.5, maxLength: 40 });
}

/** A request built from the operation's schemas, then mutated. `text`: a string drawn for a text body's pattern. */
function draw(op: Operation, seed: number, mutation: Mutation, pick: number, text: string): DrawnRequest {
  const pathParams: Record<string, string> = {};
  const query: Record<string, string> = {};
  op.parameters.forEach((p, i) => {
    if (p.in === 'query' && !p.required && (seed + i) % 2 === 0) return;
    const value = String(generate(p.schema, seed + i * 7919));
    if (p.in === 'path') pathParams[p.name] = value;
    else query[p.name] = value;
  });
  let body: DrawnRequest['body'];
  let value: unknown;
  if (op.body) {
    value = op.body.contentType === 'application/json' ? generate(op.body.schema, seed + 104729) : text;
    body = { contentType: op.body.contentType, raw: typeof value === 'string' && op.body.contentType !== 'application/json' ? value : JSON.stringify(value) };
  }
  const objectBody = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  const keys = objectBody ? Object.keys(objectBody) : [];
  const key = keys.length ? keys[pick % keys.length] : undefined;
  const json = (v: unknown) => body && { contentType: body.contentType, raw: JSON.stringify(v) };
  const queryNames = op.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const pathNames = Object.keys(pathParams);
  switch (mutation) {
    case 'drop-property':
      if (objectBody && key) {
        const { [key]: _dropped, ...rest } = objectBody;
        body = json(rest);
      }
      break;
    case 'unknown-property':
      if (objectBody) body = json({ ...objectBody, zzUnknown: 'x' });
      break;
    case 'wrong-type':
      if (objectBody && key) body = json({ ...objectBody, [key]: [[1], { a: 1 }, 12345, true][pick % 4] });
      break;
    case 'long-string':
      if (objectBody && key) body = json({ ...objectBody, [key]: 'x'.repeat(5000) });
      else if (body) body = { ...body, raw: `${body.raw}${'x'.repeat(5000)}` };
      break;
    case 'no-body':
      body = undefined;
      break;
    case 'not-an-object':
      if (body?.contentType === 'application/json') body = { ...body, raw: ['[]', '"text"', '42', 'null'][pick % 4] };
      break;
    case 'broken-json':
      if (body?.contentType === 'application/json') body = { ...body, raw: '{"id": ' };
      break;
    case 'other-content-type':
      if (body) body = { contentType: body.contentType === 'text/csv' ? 'application/json' : 'text/plain', raw: body.raw };
      break;
    case 'bad-path-value':
      if (pathNames.length) pathParams[pathNames[pick % pathNames.length]] = ['has space', 'x'.repeat(400), '.hidden', 'semi;colon'][pick % 4];
      break;
    case 'bad-query-value':
      if (queryNames.length) query[queryNames[pick % queryNames.length]] = ['perhaps', '-3', '1.5', '9999999999'][pick % 4];
      break;
    case 'empty-query-value':
      if (queryNames.length) query[queryNames[pick % queryNames.length]] = '';
      break;
    case 'none':
      break;
  }
  return { pathParams, query, body };
}

/** What the document says of the request: undefined when valid, else why not. */
function documentRefusal(op: Operation, req: DrawnRequest): string | undefined {
  for (const p of op.parameters) {
    const value = p.in === 'path' ? req.pathParams[p.name] : req.query[p.name];
    if (value === undefined) {
      if (p.required) return `${p.name} is required`;
      continue;
    }
    const holder = { v: value };
    if (!paramAjv.validate({ type: 'object', properties: { v: p.schema } }, holder)) return `${p.in} ${p.name}: ${paramAjv.errorsText()}`;
  }
  if (!op.body) return undefined;
  if (!req.body) return op.body.required ? 'the body is required' : undefined;
  if (req.body.contentType !== op.body.contentType) return `content type ${req.body.contentType} is not ${op.body.contentType}`;
  let instance: unknown = req.body.raw;
  if (op.body.contentType === 'application/json') {
    try {
      instance = JSON.parse(req.body.raw);
    } catch {
      return 'the body is not JSON';
    }
  }
  return bodyAjv.validate(op.body.schema, instance) ? undefined : `body: ${bodyAjv.errorsText()}`;
}

async function send(op: Operation, req: DrawnRequest) {
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(req.pathParams[name] ?? ''));
  const search = new URLSearchParams(req.query).toString();
  return httpRequest(api.url, {
    method: op.method,
    url: `${path}${search ? `?${search}` : ''}`,
    payload: req.body?.raw,
    headers: req.body ? { 'content-type': req.body.contentType } : undefined,
  });
}

it('serves a document with operations to check', () => {
  expect(operations.length).toBeGreaterThanOrEqual(16);
});

describe.each([
  ['POST', '/v1/events'],
  ['GET', '/v1/subscribers/{billing}/{account}'],
  ['POST', '/v1/subscribers/{billing}/{account}/retry'],
  ['POST', '/v1/subscribers/{billing}/{account}/skip'],
  ['GET', '/v1/parked'],
  ['GET', '/healthz'],
  ['POST', '/v1/reconciliations'],
  ['GET', '/v1/reconciliations/{workflowId}'],
  ['POST', '/v1/invoicing/runs'],
  ['GET', '/v1/invoicing/runs/{workflowId}'],
  ['GET', '/v1/invoicing/schedule'],
  ['POST', '/v1/invoicing/schedule/pause'],
  ['POST', '/v1/invoicing/schedule/unpause'],
  ['POST', '/v1/invoicing/schedule/trigger'],
  ['POST', '/v1/invoicing/schedule/backfill'],
  ['POST', '/v1/set-top-boxes/imports'],
])('%s %s', (method, path) => {
  it('accepts every request the document allows and refuses with a 4xx every one it does not', async () => {
    const op = operations.find((o) => o.method === method && o.path === path);
    expect(op).toBeDefined();
    const seen = { valid: 0, invalid: 0 };
    // A text body (the CSV import) is drawn by fast-check from its pattern, which it reads in full (escapes included).
    const pattern = op!.body?.contentType !== 'application/json' ? (op!.body?.schema.pattern as string | undefined) : undefined;
    const text = pattern ? fc.stringMatching(new RegExp(pattern, 'u')) : fc.constant('');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 2 ** 30 }), fc.constantFrom(...MUTATIONS), fc.nat({ max: 1000 }), text, async (seed, mutation, pick, body) => {
        const req = draw(op!, seed, mutation, pick, body);
        const refusal = documentRefusal(op!, req);
        const res = await send(op!, req);
        const context = `${method} ${path} ${JSON.stringify(req).slice(0, 600)} → ${res.statusCode} ${res.body.slice(0, 300)} (document: ${refusal ?? 'valid'})`;
        if (refusal === undefined) {
          seen.valid++;
          if (REFUSALS.includes(res.statusCode) || res.statusCode >= 500) throw new Error(`refused a request the document allows: ${context}`);
        } else {
          seen.invalid++;
          if (res.statusCode < 400 || res.statusCode >= 500) throw new Error(`accepted a request the document refuses: ${context}`);
        }
      }),
      // Every mutation three times besides the random draws: an operation with few inputs (a GET with one path) is
      // made invalid by only a few mutations, which 80 random draws may pick only once or twice.
      { numRuns: 80, examples: MUTATIONS.filter((m) => m !== 'none').flatMap((m): [number, Mutation, number, string][] => [[11, m, 0, ''], [104_651, m, 7, ''], [7_919, m, 1, '']]) },
    );
    // Both sides of the property were exercised (an operation without inputs has no invalid requests).
    expect(seen.valid).toBeGreaterThanOrEqual(5);
    if (op!.parameters.length || op!.body) expect(seen.invalid).toBeGreaterThanOrEqual(3);
  });
});
