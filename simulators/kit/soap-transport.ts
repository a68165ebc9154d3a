import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { FaultController, sleep } from './faults';

/**
 * The HTTP front of a SOAP simulator. Every request first meets the fault controller (so an
 * outage looks the same to the WSDL fetch and to SOAP calls), then the WSDL is served with its
 * locations pointing at the address the client used, and SOAP posts go on to node-soap, which
 * listens on `soapHost` (an http.Server that never opens a socket of its own). Each exchange can
 * be recorded raw, so contract tests can hold the bytes on the wire against the WSDL's schema.
 */
export interface SoapTransportOptions {
  faults: FaultController;
  soapHost: Server;
  /** The WSDL text for a client that reached the simulator at `origin` (e.g. http://127.0.0.1:4050). */
  wsdl: (origin: string) => string;
  /** Prefix of the SOAP envelope namespace in faults written before node-soap sees the request. */
  envelopePrefix: string;
  /** Routes under /_admin/ bypass faults (they are the operator's, not the API's). */
  admin?: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;
  /** Called with every SOAP exchange that reached node-soap. */
  onExchange?: (exchange: SoapExchange) => void;
}

export interface SoapExchange {
  operation: string;
  path: string;
  status: number;
  request: string;
  response: string;
}

export function createSoapRequestHandler(options: SoapTransportOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    if (req.url?.startsWith('/_admin/')) {
      if (options.admin) return options.admin(req, res, body);
      return send(res, 404, 'text/plain', 'no admin routes');
    }
    const isWsdl = req.method === 'GET' && /\?wsdl/i.test(req.url ?? '');
    const operation = isWsdl ? 'wsdl' : soapOperationOf(req, body);
    const decision = options.faults.decide(operation);
    if (decision.action === 'timeout') {
      // Never answer: hold the request until the client gives up and closes the socket.
      await new Promise<void>((resolve) => req.socket.once('close', () => resolve()));
      return;
    }
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.action === 'status') return send(res, decision.status, 'text/plain', `injected HTTP ${decision.status}`);
    if (decision.action === 'rate_limit') {
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      return send(res, 429, 'text/plain', 'Too Many Requests');
    }
    if (decision.action === 'fault') return send(res, decision.status, 'text/xml; charset=utf-8', soapFaultEnvelope(options.envelopePrefix, decision.code, decision.message));
    if (isWsdl) return send(res, 200, 'text/xml; charset=utf-8', options.wsdl(`http://${req.headers.host ?? 'localhost'}`));
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'SOAP is answered over POST; the WSDL is at ?wsdl');
    if (options.onExchange) recordExchange(res, (status, response) => options.onExchange!({ operation, path: req.url ?? '', status, request: body.toString('utf8'), response }));
    // node-soap takes an already-read body from req.body.
    (req as IncomingMessage & { body?: Buffer }).body = body;
    options.soapHost.emit('request', req, res);
  };
}

/** The SOAP method: from SOAPAction when the client sets one, else the first element in the Body. */
export function soapOperationOf(req: IncomingMessage, body: Buffer): string {
  const action = String(req.headers.soapaction ?? '').replace(/"/g, '');
  if (action !== '') return action.split(/[/#]/).pop()!;
  const match = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(body.toString('utf8'));
  return match?.[1] ?? 'unknown';
}

/** A SOAP 1.1 Fault envelope written by hand, for faults injected before node-soap sees the request. */
export function soapFaultEnvelope(prefix: string, code: string, message: string, detail?: string): string {
  const qualified = code.includes(':') ? code : `${prefix}:${code}`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<${prefix}:Envelope xmlns:${prefix}="http://schemas.xmlsoap.org/soap/envelope/">` +
    `<${prefix}:Body><${prefix}:Fault>` +
    `<faultcode>${escapeXml(qualified)}</faultcode><faultstring>${escapeXml(message)}</faultstring>` +
    (detail === undefined ? '' : `<detail>${escapeXml(detail)}</detail>`) +
    `</${prefix}:Fault></${prefix}:Body></${prefix}:Envelope>`
  );
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function recordExchange(res: ServerResponse, done: (status: number, body: string) => void): void {
  const chunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string') chunks.push(Buffer.from(chunk));
    else if (chunk instanceof Uint8Array) chunks.push(Buffer.from(chunk));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'function') keep(chunk);
    done(res.statusCode, Buffer.concat(chunks).toString('utf8'));
    return end(chunk, ...rest);
  }) as typeof res.end;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', contentType);
  res.end(body);
}
