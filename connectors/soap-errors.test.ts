import { PermanentError, RateLimitedError, TransientError } from './errors';
import { fromSoapTransportError, fromSubcodedFault, soapFaultOf, withoutCredentials } from './soap-errors';

const faultError = (faultcode: string, status = 500) =>
  Object.assign(new Error('fault'), { response: { status }, root: { Envelope: { Body: { Fault: { faultcode, faultstring: 'refused' } } } } });

const httpError = (status: number, headers: Record<string, string> = {}) => Object.assign(new Error(`Request failed with status code ${status}`), { isAxiosError: true, response: { status, headers } });

describe('SOAP error mapping', () => {
  it('reads a SOAP 1.1 Fault with its dotted subcode, detail and HTTP status', () => {
    const err = Object.assign(new Error('fault'), {
      response: { status: 500 },
      root: { Envelope: { Body: { Fault: { faultcode: 'soap:Client.UnknownItem', faultstring: 'No item', detail: '6000010/999' } } } },
    });
    expect(soapFaultOf(err)).toEqual({ code: 'Client.UnknownItem', message: 'No item', detail: '6000010/999', status: 500 });
    expect(soapFaultOf(httpError(500))).toBeUndefined();
  });

  it('429 and a 503 that says when to come back → RateLimitedError; other 5xx and 408 → TransientError', () => {
    expect(fromSoapTransportError('x', 'op', httpError(429, { 'retry-after': '3' }))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3000 });
    const unavailable = fromSoapTransportError('x', 'op', httpError(503, { 'retry-after': '120' }));
    expect(unavailable).toBeInstanceOf(RateLimitedError);
    expect((unavailable as RateLimitedError).retryAfterMs).toBe(120_000);
    expect(fromSoapTransportError('x', 'op', httpError(503))).toBeInstanceOf(TransientError);
    expect(fromSoapTransportError('x', 'op', httpError(408))).toBeInstanceOf(TransientError);
  });

  it('401/403 → auth, 404 → not_found, other 4xx → rejected; network failures → transient', () => {
    expect(fromSoapTransportError('x', 'op', httpError(401))).toMatchObject({ reason: 'auth' });
    expect(fromSoapTransportError('x', 'op', httpError(404))).toMatchObject({ reason: 'not_found' });
    expect(fromSoapTransportError('x', 'op', httpError(400))).toMatchObject({ reason: 'rejected' });
    expect(fromSoapTransportError('x', 'op', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeInstanceOf(TransientError);
    expect(fromSoapTransportError('x', 'op', new Error('a bug'))).toBeInstanceOf(PermanentError);
  });

  it('keeps what the mapping reads and drops the request that carried the credentials', () => {
    const err = Object.assign(httpError(401), { config: { headers: { Authorization: 'Basic c2VjcmV0' } }, request: { headers: { Authorization: 'Basic c2VjcmV0' } } });
    const clean = withoutCredentials(err) as Record<string, unknown>;
    expect(JSON.stringify(clean)).not.toContain('c2VjcmV0');
    expect(clean).toMatchObject({ isAxiosError: true, response: { status: 401 } });
    expect(fromSoapTransportError('x', 'op', clean)).toMatchObject({ reason: 'auth' });
  });

  it('a dotted subcode gives its reason; else a Server fault is transient and a Client fault permanent', () => {
    const reasons = { UnknownItem: 'not_found' } as const;
    expect(fromSubcodedFault('x', 'op', faultError('soap:Client.UnknownItem'), reasons)).toMatchObject({ reason: 'not_found', message: expect.stringContaining('SOAP Fault Client.UnknownItem: refused') });
    const kept = fromSubcodedFault('x', 'op', faultError('soap:Client.UnknownItem'), reasons, (reason, code, message) => Object.assign(new PermanentError('x', 'op', reason, message), { code }));
    expect(kept).toMatchObject({ reason: 'not_found', code: 'UnknownItem' });
    expect(fromSubcodedFault('x', 'op', faultError('soap:Server.Busy'), reasons)).toBeInstanceOf(TransientError);
    expect(fromSubcodedFault('x', 'op', faultError('soap:Client.Other', 401), reasons)).toMatchObject({ reason: 'auth' });
    expect(fromSubcodedFault('x', 'op', faultError('soap:Client.Other'), reasons)).toMatchObject({ reason: 'rejected' });
    expect(fromSubcodedFault('x', 'op', httpError(503), reasons)).toBeInstanceOf(TransientError);
  });
});
