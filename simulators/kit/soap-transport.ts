import http, { IncomingMessage, Server, ServerResponse } from 'node:http';
import * as soap from 'soap';
import type { FaultController } from './faults';
import { answeredByFault, readBody, send } from './http-front';

/**
 * The HTTP front of a SOAP simulator. Every request first meets the fault controller (so an
 * outage looks the same to the WSDL fetch and to SOAP calls), then the WSDL (and any document it
 * imports) is served with its locations pointing at the address the client used, and SOAP posts
 * go on to node-soap, which listens on `soapHost` (see `listenSoap`). Each exchange can be
 * recorded raw, so contract tests can hold the bytes on the wire against the WSDL's schema.
 */
export interface SoapTransportOptions {
  faults: FaultController;
  soapHost: Server;
  /** The WSDL text for a client that reached the simulator at `origin` (e.g. http://127.0.0.1:4050). */
  wsdl: (origin: string) => string;
  /** Documents the WSDL imports by a relative name, by path (e.g. /encoding.xml); `operation` names them for faults. */
  imports?: Record<string, { operation: string; text: string }>;
  /** Prefix of the SOAP envelope namespace in faults written before node-soap sees the request. */
  envelopePrefix: string;
  /** Routes under /_admin/ bypass faults (they are the operator's, not the API's). */
  admin?: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void | Promise<void>;
  /** Called with every SOAP exchange that reached node-soap. */
  onExchange?: (exchange: SoapExchange) => void;
  /** Told the operation of every SOAP request that reaches node-soap (to count calls). */
  onCall?: (operation: string) => void;
}

export interface SoapExchange {
  operation: string;
  path: string;
  status: number;
  request: string;
  response: string;
}

/**
 * node-soap's server on an http.Server that never opens a socket of its own: the front hands it
 * the SOAP posts. `ready` settles once node-soap has read the WSDL.
 */
export function listenSoap(options: Omit<soap.IServerOptions, 'callback'>): { soapHost: Server; ready: Promise<soap.Server> } {
  const soapHost = http.createServer();
  const ready = new Promise<soap.Server>((resolve, reject) => {
    const server = soap.listen(soapHost, { ...options, callback: (err: unknown) => (err ? reject(err) : resolve(server)) });
  });
  return { soapHost, ready };
}

/** An `onExchange` that keeps the last `keep` exchanges in `into`, oldest first. */
export function keepExchanges(into: SoapExchange[], keep = Infinity): (exchange: SoapExchange) => void {
  return (exchange) => {
    into.push(exchange);
    if (into.length > keep) into.splice(0, into.length - keep);
  };
}

export function createSoapRequestHandler(options: SoapTransportOptions) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    if (req.url?.startsWith('/_admin/')) {
      if (options.admin) return options.admin(req, res, body);
      return send(res, 404, 'text/plain', 'no admin routes');
    }
    const imported = req.method === 'GET' ? options.imports?.[(req.url ?? '').split('?')[0]!] : undefined;
    const isWsdl = !imported && req.method === 'GET' && /\?wsdl/i.test(req.url ?? '');
    const operation = imported ? imported.operation : isWsdl ? 'wsdl' : soapOperationOf(req, body);
    const answered = await answeredByFault(req, res, options.faults.decide(operation), (fault) =>
      send(res, fault.status, 'text/xml; charset=utf-8', soapFaultEnvelope(options.envelopePrefix, fault.code, fault.message)),
    );
    if (answered) return;
    if (imported) return send(res, 200, 'text/xml; charset=utf-8', imported.text);
    if (isWsdl) return send(res, 200, 'text/xml; charset=utf-8', options.wsdl(`http://${req.headers.host ?? 'localhost'}`));
    if (req.method !== 'POST') return send(res, 405, 'text/plain', 'SOAP is answered over POST; the WSDL is at ?wsdl');
    options.onCall?.(operation);
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

/** Tees what node-soap writes, and reports the exchange when the answer is complete. */
function recordExchange(res: ServerResponse, done: (status: number, body: string) => void): void {
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(Buffer.isBuffer(chunk) ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk) : Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'));
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    done(res.statusCode, Buffer.concat(chunks).toString('utf8'));
    return end(chunk, ...rest);
  }) as typeof res.end;
}
