import pino from 'pino';
import { activityFields, redactPaths } from './logger';

describe('logger', () => {
  it('adds nothing outside an activity', () => {
    expect(activityFields()).toEqual({});
  });

  it('never prints a secret', () => {
    const lines: string[] = [];
    const log = pino({ redact: { paths: redactPaths, censor: '[redacted]' } }, { write: (l: string) => void lines.push(l) });
    log.info({ password: 'p4ss', billing: { token: 't0k' }, headers: { authorization: 'Bearer x', cookie: 'sessnum=1' } }, 'connect');
    expect(lines.join()).not.toMatch(/p4ss|t0k|Bearer x|sessnum=1/);
  });
});
