import { createLogger } from '../runtime/logger';
import { buildConnectors, UnknownConnectorError } from './registry';
import { setTopBoxImportPort, tvInvoicingPort } from './tv-billing/port';

describe('Connectors: a port a connector also implements', () => {
  const connectors = buildConnectors(
    {
      billing: {
        tv: { kind: 'isp-integrator', settings: { url: 'http://127.0.0.1:1/api', token: 't' } },
        lb: { kind: 'lanbilling', settings: { url: 'http://127.0.0.1:1/', login: 'admin', password: 'p' } },
      },
      platforms: {},
    },
    { logger: createLogger({ level: 'silent' }) },
  );

  it('finds the same instance by its main port and by each port it also implements', () => {
    const billing = connectors.billing('tv');
    expect(connectors.get(tvInvoicingPort, 'tv')).toBe(billing);
    expect(connectors.get(setTopBoxImportPort, 'tv')).toBe(billing);
    expect(connectors.names(tvInvoicingPort)).toEqual(['tv']);
    expect(connectors.billingNames()).toEqual(['tv', 'lb']);
  });

  it('refuses one that does not implement the port, naming what it is', () => {
    expect(connectors.find(tvInvoicingPort, 'lb')).toBeUndefined();
    expect(() => connectors.get(setTopBoxImportPort, 'lb')).toThrow(new UnknownConnectorError('"lb" is a billing system (lanbilling), not a billing system that imports set-top boxes'));
    expect(() => connectors.get(tvInvoicingPort, 'nope')).toThrow(/no billing system with TV invoicing named "nope" is configured; configured: tv/);
  });
});
