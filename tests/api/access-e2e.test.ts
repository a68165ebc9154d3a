import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { SubsyncBilling, SubsyncStatus, SubsyncSubscriber } from '../../domain/search-attributes';
import { InvalidEventError } from '../../client/ts';
import { redactPaths } from '../../runtime/logger';
import { subscriberWorkflowType } from '../../workflows/definitions';
import { httpRequest } from '../client/support/http';
import { runSubsync } from '../support/cli';
import { IntercomWorld } from '../support/intercom-world';
import { eventually, startTestStack, TestStack } from '../support/stack';

/**
 * The whole stack (Temporal, worker, store, LANBilling and intercom simulators) behind
 * credentials: one billing account is one subscriber whatever spelling an event uses, every
 * accepted event and operator action names its credential, reconcile finds subscribers created
 * under two spellings before the door checked, and no configured secret reaches the log.
 */
describe('access and identity, end to end', () => {
  let stack: TestStack;
  let w: IntercomWorld;
  let logFile: string;
  let account: string;
  let agrmid: number;
  const withdrawals = () => stack.lanbilling.state().payments.filter((p) => p.agrmid === agrmid && p.amount < 0);

  beforeAll(async () => {
    logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'subsync-log-')), 'subsync.log');
    // Everything at debug, to a file, with the production redaction: what an operator's log would hold.
    const logger = pino({ level: 'debug', redact: { paths: redactPaths, censor: '[redacted]' } }, pino.destination({ dest: logFile, sync: true }));
    stack = await startTestStack({ services: { intercom: { charge: { amount: 150, period: { everySeconds: 3600 } } } } }, { onlyStackConnectors: true, logger });
    w = new IntercomWorld(stack);
    ({ agrmid, account } = await w.onboard('79400000007'));
  });
  afterAll(() => stack?.stop());

  it('keeps "0N" from becoming a second subscriber of account N: 400, one subscriber, one charge', async () => {
    await eventually(async () => ((await w.api.getSubscriber('lanbilling', account))?.ledger.length ?? 0) > 0);
    const padded = `0${account}`;

    const refused = await w.api.submitEvent({ id: `padded-${account}`, billing: 'lanbilling', account: padded, type: 'create' }).catch((e: unknown) => e);

    expect(refused).toBeInstanceOf(InvalidEventError);
    expect((refused as InvalidEventError).issues).toEqual([{ path: 'account', message: expect.stringMatching(/^not a LANBilling account \(vgroup id\): a positive integer without leading zeros/) }]);
    expect(await stack.app.store.getInbox(`padded-${account}`)).toBeNull();
    expect(await w.api.getSubscriber('lanbilling', padded)).toBeNull();
    const running = [];
    for await (const wf of stack.app.client.workflow.list({ query: `WorkflowType = "${subscriberWorkflowType}" AND ExecutionStatus = "Running" AND TaskQueue = "${stack.app.config.temporal.taskQueue}"` })) running.push(wf.workflowId);
    expect(running).toEqual([`subscriber:lanbilling:${account}`]);
    expect((await w.api.getSubscriber('lanbilling', account))!.ledger).toHaveLength(1);
    expect(withdrawals()).toHaveLength(1);
    expect(w.profile('79400000007')?.addresses).toHaveLength(1);
  });

  it('names the credential behind each accepted event and operator action, in the store and on the subscriber view', async () => {
    const credential = (await stack.app.credentials.find('test-stack'))!;
    const label = `test-stack (${credential.id})`;
    const sent = await w.send(account, 'sync');
    await runSubsync(stack.app.apiUrl, ['reconcile', 'lanbilling', account]);

    const inbox = await stack.app.store.getInbox(sent.eventId);
    const trail = await stack.app.store.auditTrail(`lanbilling:${account}`);
    const view = (await w.api.getSubscriber('lanbilling', account))!;

    expect(inbox).toMatchObject({ submittedBy: label });
    expect(trail.filter((a) => a.credentialId === credential.id).map((a) => [a.action, a.actor])).toEqual(
      expect.arrayContaining([
        ['event.accepted', label],
        ['reconcile.start', label],
      ]),
    );
    expect(view.audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'event.accepted', eventId: sent.eventId, actor: label })]));
    // The workflow carries it on the command: the subscriber's recent commands name who sent each.
    expect(view.recent.find((r) => r.id === sent.eventId)).toMatchObject({ outcome: 'applied', submittedBy: label });
    expect((await stack.app.store.auditByCredential(credential.id)).length).toBeGreaterThanOrEqual(3);
  });

  it('reports subscribers that reach one billing account under two spellings in the reconcile summary', async () => {
    // A subscriber created under "0N" before the door checked account ids, as the issue found it.
    const legacy = `subscriber:lanbilling:0${account}`;
    await stack.app.client.workflow.start(subscriberWorkflowType, {
      workflowId: legacy,
      taskQueue: stack.app.config.temporal.taskQueue,
      args: [{ key: { billing: 'lanbilling', account: `0${account}` } }],
      typedSearchAttributes: [
        { key: SubsyncSubscriber, value: `lanbilling:0${account}` },
        { key: SubsyncBilling, value: 'lanbilling' },
        { key: SubsyncStatus, value: 'new' },
      ],
    });

    const run = await eventually(async () => {
      const r = await w.api.reconcile({ billing: 'lanbilling', repair: false }, { wait: true, timeoutMs: 60_000 });
      return r.duplicates?.length ? r : undefined;
    }, 90_000, 2000);
    const shown = await runSubsync(stack.app.apiUrl, ['reconcile', 'lanbilling']);

    expect(run.status).toBe('COMPLETED');
    expect(run.duplicates).toEqual([{ billing: 'lanbilling', account, workflowIds: [legacy, `subscriber:lanbilling:${account}`].sort() }]);
    expect(shown.stdout).toContain(`account ${account} has 2 subscriber workflows: ${[legacy, `subscriber:lanbilling:${account}`].sort().join(', ')}`);
    await stack.app.client.workflow.getHandle(legacy).terminate('test: the legacy duplicate');
  });

  it('writes no configured secret and no API key to the log', async () => {
    // Requests with the key in the Authorization header, refused and accepted ones.
    await httpRequest(stack.app.apiUrl, { method: 'GET', url: '/v1/parked' });
    await httpRequest(stack.app.apiUrl, { method: 'GET', url: '/v1/parked', apiKey: `${process.env.SUBSYNC_API_KEY}x` });
    const log = fs.readFileSync(logFile, 'utf8');
    const secrets = [process.env.SUBSYNC_API_KEY!, process.env.SUBSYNC_API_KEY!.slice(18), ...configuredSecrets(stack.app.config)];

    // The log is there and holds the API's request lines, with the credential's name.
    expect(log).toMatch(/"msg":"incoming request"/);
    expect(log).toMatch(/"credential":"test-stack \([0-9a-f]{12}\)"/);
    expect(log).toMatch(/"error":"unauthorized"/);
    expect(secrets.length).toBeGreaterThanOrEqual(4);
    for (const secret of secrets) expect({ secret, found: log.includes(secret) }).toEqual({ secret, found: false });
  });
});

/** Every string in the config whose key names a secret (password, token, apiKey, ...secret). */
function configuredSecrets(config: object): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key = ''): void => {
    if (typeof value === 'string' && /password|token|secret|apikey/i.test(key) && value.length >= 6) found.push(value);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  walk(config);
  return [...new Set(found)];
}
