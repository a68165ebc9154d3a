import { XmlRpcClient, XmlRpcStruct } from '@foxglove/xmlrpc';
import { SessionRefusedError } from '../../api/operations';
import { DEFAULT_FASTVIEWER_RESELLER } from '../../simulators/fastviewer';
import { MEETING_TARIFFS } from '../../simulators/meeting-demo';
import { runSubsync } from '../support/cli';
import { MEETING_CATEGORY, MeetingTestStack, MeetingWorld, startMeetingTestStack } from '../support/meeting-stack';
import { eventually } from '../support/stack';

// @foxglove/xmlrpc's client fetches through @foxglove/just-fetch, whose ESM-only node-fetch jest cannot load; Node's fetch does the same.
jest.mock('@foxglove/just-fetch', () => (input: string, init: RequestInit) => fetch(input, init));

/**
 * The meeting service end to end: a LANBilling manager sells meeting tariffs over SOAP, billing's
 * hook sends events through subsync's HTTP API, and FastViewer (XML-RPC simulator) holds a child
 * license under the parent with the tariff's profile and lines; sessions are booked and run
 * through the API and the CLI against the license's quota and recorded by the subscriber's workflow.
 */
describe('meeting licenses: LANBilling → subsync → FastViewer', () => {
  let stack: MeetingTestStack;
  let w: MeetingWorld;

  beforeAll(async () => {
    stack = await startMeetingTestStack();
    w = new MeetingWorld(stack);
  });
  afterAll(async () => stack?.stop());

  it('creates the child license with the tariff profile and lines, follows a plan change, blocks, unblocks and deletes it', async () => {
    const { agrmid } = await w.holder('ООО Вектор', { type: 1, email: 'it@vector.example' });
    const { vgid, servid } = await w.account(agrmid, MEETING_TARIFFS.pro, MEETING_CATEGORY);

    const created = await w.send(vgid, 'create');
    expect(created).toMatchObject({ status: 'applied' });
    expect(w.license(vgid)).toMatchObject({ parentLicense: '100001', name: 'ООО Вектор', email: 'it@vector.example', profileId: 'P-PRO', lines: 5, trial: false, blocked: false });
    const slot = w.slot(created.subscriber, 'meeting');
    expect(slot).toMatchObject({ platform: 'fastviewer', attached: true, detail: { licenseNumber: w.license(vgid)!.licenseNumber, plan: String(MEETING_TARIFFS.pro), lines: 5, status: 'active' } });
    expect(slot?.summary).toMatch(/^license \d+, 5 lines, profile Pro, active$/);

    // The manager moves the account to the basic tariff: fewer lines, the basic profile, the same license.
    const number = w.license(vgid)!.licenseNumber;
    const basic = await w.changeTariff(vgid, agrmid, servid, MEETING_TARIFFS.basic, MEETING_CATEGORY);
    await w.send(vgid, 'plan.change', { subscription: String(basic), plan: String(MEETING_TARIFFS.basic) });
    expect(w.license(vgid)).toMatchObject({ licenseNumber: number, profileId: 'P-BASIC', lines: 2 });

    await w.block(vgid);
    const blocked = await w.send(vgid, 'block', { reason: 'manager' });
    expect(w.license(vgid)).toMatchObject({ status: 'blocked' });
    expect(w.slot(blocked.subscriber, 'meeting')?.detail).toMatchObject({ status: 'blocked' });
    // A blocked license books nothing: the platform's refusal comes back as a 409 with the reason.
    const refusal = await w.api.bookSession('lanbilling', vgid, { subject: 'while blocked' }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(SessionRefusedError);
    expect(refusal).toMatchObject({ refusal: 'license_blocked', message: expect.stringContaining(`license ${number} is blocked`) });

    await w.unblock(vgid);
    await w.send(vgid, 'unblock');
    expect(w.license(vgid)).toMatchObject({ status: 'active' });

    await w.switchOff(vgid);
    const disabled = await w.send(vgid, 'disable');
    expect(w.license(vgid)).toBeUndefined();
    expect(w.slot(disabled.subscriber, 'meeting')).toMatchObject({ attached: false });
  });

  it('creates a trial license for a trial tariff and makes it a full license when the tariff becomes a paid one', async () => {
    const { agrmid } = await w.holder('Петров Пётр', { email: 'petrov@example.ru' });
    const { vgid, servid } = await w.account(agrmid, MEETING_TARIFFS.trial, MEETING_CATEGORY);
    await w.send(vgid, 'create');
    const trial = w.license(vgid)!;
    expect(trial).toMatchObject({ trial: true, lines: 1 });
    const days = (trial.trialEndsAt! - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(13.9);
    expect(days).toBeLessThanOrEqual(14);

    const pro = await w.changeTariff(vgid, agrmid, servid, MEETING_TARIFFS.pro, MEETING_CATEGORY);
    await w.send(vgid, 'plan.change', { subscription: String(pro), plan: String(MEETING_TARIFFS.pro) });
    expect(w.license(vgid)).toMatchObject({ licenseNumber: trial.licenseNumber, trial: false, lines: 5, profileId: 'P-PRO' });
  });

  it('links to a license FastViewer already has for the account instead of creating a second one', async () => {
    const { agrmid } = await w.holder('Сидорова Анна', { email: 'anna@example.ru' });
    const { vgid } = await w.account(agrmid, MEETING_TARIFFS.basic, MEETING_CATEGORY);
    stack.fastviewer.seed({ licenses: [{ licenseNumber: '388001', parentLicense: '100001', externalReference: `lanbilling:${vgid}`, name: 'Sidorova (portal)', lines: 1 }] });
    await w.send(vgid, 'create');
    expect(stack.fastviewer.state().licenses.filter((l) => l.externalReference === `lanbilling:${vgid}`)).toEqual([
      expect.objectContaining({ licenseNumber: '388001', lines: 2, profileId: 'P-BASIC' }),
    ]);
  });

  it('books and controls sessions through the API and the CLI, against the license quota, and the workflow records them', async () => {
    const { agrmid } = await w.holder('ООО Диалог', { type: 1, email: 'office@dialog.example' });
    const { vgid } = await w.account(agrmid, MEETING_TARIFFS.basic, MEETING_CATEGORY);
    await w.send(vgid, 'create');
    const license = w.license(vgid)!.licenseNumber;

    // The same reference books once.
    const first = await w.api.bookSession('lanbilling', vgid, { subject: 'Planning', plannedStart: '2026-12-01T09:00:00Z', plannedMinutes: 30, reference: 'crm-1' });
    expect(first).toMatchObject({ service: 'meeting', platform: 'fastviewer', resourceId: license, status: 'booked', subject: 'Planning', reference: 'crm-1', lastAction: 'book' });
    expect(await w.api.bookSession('lanbilling', vgid, { subject: 'Planning', reference: 'crm-1' })).toMatchObject({ sessionId: first.sessionId });
    const second = await w.api.bookSession('lanbilling', vgid, { subject: 'Review', reference: 'crm-2' });
    // The CLI books the third one.
    const cli = await runSubsync(stack.app.apiUrl, ['sessions', 'book', 'lanbilling', vgid, '--subject', 'Retro', '--reference', 'crm-3', '--json']);
    expect(cli.code).toBe(0);
    const third = JSON.parse(cli.stdout) as { sessionId: string };
    // Any XML-RPC client of the reseller sees the three bookings on the license, as subsync booked them.
    const basic = Buffer.from(`${DEFAULT_FASTVIEWER_RESELLER.user}:${DEFAULT_FASTVIEWER_RESELLER.key}`).toString('base64');
    const wire = new XmlRpcClient(stack.fastviewer.sessionUrl, { headers: { Authorization: `Basic ${basic}` } });
    const onWire = (await wire.methodCall('session.list', [license])) as XmlRpcStruct[];
    expect(onWire.map((s) => [s.sessionNumber, s.status, s.reference]).sort()).toEqual(
      [
        [first.sessionId, 'booked', 'crm-1'],
        [second.sessionId, 'booked', 'crm-2'],
        [third.sessionId, 'booked', 'crm-3'],
      ].sort(),
    );

    // Basic has two lines: two sessions run, the third is refused with the platform's reason, over HTTP and in the CLI.
    expect(await w.api.controlSession('lanbilling', vgid, first.sessionId, 'start')).toMatchObject({ status: 'running', lastAction: 'start' });
    expect(await w.api.controlSession('lanbilling', vgid, second.sessionId, 'start')).toMatchObject({ status: 'running' });
    const res = await fetch(`${stack.app.apiUrl}/v1/subscribers/lanbilling/${vgid}/sessions/${third.sessionId}/start`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.SUBSYNC_API_KEY}` }, body: '{}' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'quota_exceeded', message: expect.stringMatching(/fault 21 QUOTA_EXCEEDED: .*2/) });
    const refusedCli = await runSubsync(stack.app.apiUrl, ['sessions', 'start', 'lanbilling', vgid, third.sessionId]);
    expect(refusedCli.code).toBe(1);
    expect(refusedCli.stderr).toMatch(/refused \(quota_exceeded\): .*QUOTA_EXCEEDED/);

    // Basic's profile has no recording function.
    await expect(w.api.controlSession('lanbilling', vgid, first.sessionId, 'recording.start')).rejects.toMatchObject({ refusal: 'function_not_available' });

    // Ending one frees a line for the third.
    await new Promise((r) => setTimeout(r, 1100));
    const ended = await w.api.controlSession('lanbilling', vgid, first.sessionId, 'end');
    expect(ended).toMatchObject({ status: 'ended' });
    expect(ended.durationSeconds).toBeGreaterThanOrEqual(1);
    const started = await runSubsync(stack.app.apiUrl, ['sessions', 'start', 'lanbilling', vgid, third.sessionId]);
    expect(started).toMatchObject({ code: 0, stdout: `session ${third.sessionId}: running\n` });
    await w.api.controlSession('lanbilling', vgid, second.sessionId, 'end');

    // A session of another license is not this subscriber's.
    const other = await w.holder('Чужой', { email: 'other@example.ru' });
    const { vgid: otherVgid } = await w.account(other.agrmid, MEETING_TARIFFS.basic, MEETING_CATEGORY);
    await w.send(otherVgid, 'create');
    await expect(w.api.getSession('lanbilling', otherVgid, third.sessionId)).rejects.toMatchObject({ name: 'NotFoundError' });

    // The subscriber's workflow recorded each session's last state, most recent first.
    const recorded = await w.api.listSessions('lanbilling', vgid);
    expect(recorded.map((s) => [s.sessionId, s.status])).toEqual([
      [second.sessionId, 'ended'],
      [third.sessionId, 'running'],
      [first.sessionId, 'ended'],
    ]);
    const shown = await runSubsync(stack.app.apiUrl, ['sessions', 'list', 'lanbilling', vgid]);
    expect(shown.stdout).toContain(third.sessionId);
    // Every booking and control is in the audit trail too.
    const audit = await stack.app.store.auditTrail(`lanbilling:${vgid}`);
    expect(audit.filter((a) => a.action.startsWith('session.')).map((a) => a.action)).toEqual(expect.arrayContaining(['session.book', 'session.start', 'session.end']));
    // ...under the credential that made the call.
    expect(audit.filter((a) => a.action.startsWith('session.')).every((a) => /^test-stack \(/.test(a.actor ?? ''))).toBe(true);
  });

  it('reconcile reports a license changed in the portal and one left after billing ended the service, and repair fixes both', async () => {
    const { agrmid } = await w.holder('ООО Сверка', { type: 1, email: 'it@sverka.example' });
    const changed = await w.account(agrmid, MEETING_TARIFFS.pro, MEETING_CATEGORY);
    const ended = await w.account(agrmid, MEETING_TARIFFS.basic, MEETING_CATEGORY);
    await w.send(changed.vgid, 'create');
    await w.send(ended.vgid, 'create');
    // Someone lowers the lines in the FastViewer portal; billing ends the other service without telling subsync.
    stack.fastviewer.platform.licenses.get(w.license(changed.vgid)!.licenseNumber)!.lines = 1;
    await w.endService(ended.servid);
    const leftover = w.license(ended.vgid)!.licenseNumber;

    const dry = await w.api.reconcile({ billing: 'lanbilling', repair: false }, { wait: true, timeoutMs: 60_000 });
    const drift = (account: string) => dry.summary?.drift.filter((d) => d.account === account && d.platform === 'fastviewer').flatMap((d) => d.steps);
    expect(drift(changed.vgid)).toEqual([`meeting.setLines ${w.license(changed.vgid)!.licenseNumber} 5`]);
    expect(drift(ended.vgid)).toEqual([`meeting.delete ${leftover}`]);

    await w.api.reconcile({ billing: 'lanbilling', repair: true }, { wait: true, timeoutMs: 60_000 });
    await eventually(() => w.license(changed.vgid)?.lines === 5 && w.license(ended.vgid) === undefined, 30_000);
  });

  it('answers 404 for an unknown subscriber and 409 no_license for one without a license', async () => {
    await expect(w.api.bookSession('lanbilling', '999999', {})).rejects.toMatchObject({ name: 'NotFoundError' });
    const { agrmid } = await w.holder('Без лицензии', { email: 'none@example.ru' });
    const { vgid, servid } = await w.account(agrmid, MEETING_TARIFFS.basic, MEETING_CATEGORY);
    await w.endService(servid);
    await w.send(vgid, 'create');
    await expect(w.api.bookSession('lanbilling', vgid, {})).rejects.toMatchObject({ refusal: 'no_license' });
    await eventually(async () => (await w.api.getSubscriber('lanbilling', vgid))?.status === 'active');
  });
});
