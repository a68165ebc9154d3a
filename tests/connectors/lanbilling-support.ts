import pino from 'pino';
import { lanbillingConfigSchema, lanbillingConnector, LanbillingBilling, LanbillingConfigInput } from '../../connectors/lanbilling';
import { redactPaths } from '../../runtime/logger';
import { DEFAULT_LANBILLING_MANAGER, INTERCOM, LanbillingSeed } from '../../simulators/lanbilling';

/** A category of the intercom tariff that is not one of our services. */
export const INTERNET_CATIDX = 2;

/** Shared by the LANBilling connector tests: a connector wired to a running simulator (or any api3 URL), with its log lines captured. */
export function connectTo(target: { url: string }, overrides: Partial<LanbillingConfigInput> = {}): { billing: LanbillingBilling; logs: string[] } {
  const logs: string[] = [];
  const logger = pino({ level: 'debug', redact: { paths: redactPaths, censor: '[redacted]' } }, { write: (line: string) => void logs.push(line) });
  const config = lanbillingConfigSchema.parse({
    url: target.url,
    login: DEFAULT_LANBILLING_MANAGER.login,
    password: DEFAULT_LANBILLING_MANAGER.pass,
    timeoutMs: 2000,
    ...overrides,
  });
  return { billing: lanbillingConnector.create('lanbilling', config, { logger }), logs };
}

/** Two apartments of one client (one intercom service each, the second already ended) and a neighbour with nothing set up. */
export const householdSeed: LanbillingSeed = {
  accounts: [
    {
      uid: 1,
      name: 'Иванов Иван Иванович',
      login: 'ivanov',
      agreements: [
        {
          agrmid: 10,
          number: 'A-0010',
          balance: 100,
          vgroups: [
            {
              vgid: 100,
              login: 'ivanov-kv12',
              agentid: INTERCOM.agentid,
              tarid: INTERCOM.tarid,
              address: 'ул. Ленина 1, кв. 12',
              addons: { isvyaz_login: '79001234567' },
              services: [
                { servid: 1000, catidx: INTERCOM.catidx, timefrom: '2024-01-01 00:00:00' },
                { servid: 1001, catidx: INTERNET_CATIDX, timefrom: '2024-01-01 00:00:00' },
              ],
            },
            {
              vgid: 101,
              login: 'ivanov-kv13',
              agentid: INTERCOM.agentid,
              tarid: INTERCOM.tarid,
              addons: { isvyaz_login: '79001234567' },
              services: [{ servid: 1002, catidx: INTERCOM.catidx, timefrom: '2024-01-01 00:00:00', timeto: '2024-02-01 00:00:00' }],
            },
          ],
        },
      ],
    },
    {
      uid: 2,
      name: 'Петрова Анна',
      agreements: [{ agrmid: 20, number: 'A-0020', balance: 5, credit: 10, vgroups: [{ vgid: 200, login: 'petrova-kv1', agentid: INTERCOM.agentid, tarid: INTERCOM.tarid }] }],
    },
  ],
};
