import { randomUUID } from 'node:crypto';
import { SubsyncClient } from '../../client/ts';
import type { SubmitEventResponse } from '../../api/operations';
import { merge } from '../../config/load';
import { blkVgroup, formatLbDate, insupdAccount, insupdAgreement, insupdUsboxService, insupdVgroup, stopUsboxService } from '../../connectors/lanbilling';
import { createFastViewerSimulator, FastViewerSimulator } from '../../simulators/fastviewer';
import { LanbillingManager } from '../../simulators/lanbilling/manager';
import { MEETING_CATEGORY, meetingProfiles, PARENT_HOLDER, VIDEO_ROOMS_CATEGORY } from '../../simulators/meeting-demo';
import { createVideoResellSimulator, VideoResellSimulator, VideoResellSimulatorOptions } from '../../simulators/video-resell';
import { startTestStack, TestStack, TestStackOptions } from './stack';

export interface MeetingTestStack extends TestStack {
  fastviewer: FastViewerSimulator;
  video: VideoResellSimulator;
}

/**
 * The whole stack (LANBilling, intercom, the FastViewer and video resell simulators on real
 * sockets) on the config defaults: the meeting and video-rooms services on LANBilling's tariff
 * categories, FastViewer's parent license with the reseller's profiles.
 */
export async function startMeetingTestStack(
  overrides: Record<string, unknown> = {},
  options: TestStackOptions & { video?: VideoResellSimulatorOptions; videoCredential?: { clientId: string; clientSecret: string }; beforeStart?: (sims: { fastviewer: FastViewerSimulator; video: VideoResellSimulator }) => Record<string, unknown> } = {},
): Promise<MeetingTestStack> {
  const fastviewer = createFastViewerSimulator();
  const video = createVideoResellSimulator(options.video);
  await fastviewer.start(0);
  await video.start(0);
  fastviewer.seed({ profiles: meetingProfiles });
  const extra = options.beforeStart?.({ fastviewer, video }) ?? {};
  const platforms = { platforms: { fastviewer: { url: fastviewer.url, timeoutMs: 2000 }, 'video-resell': { url: video.url, timeoutMs: 2000 } } };
  // No watchers: the events in these tests come from billing's hook, and the ISP-Integrator watcher would poll a port nobody serves.
  const stack = await startTestStack(merge(merge(platforms, extra), overrides), { watchers: false, ...options });
  return {
    ...stack,
    fastviewer,
    video,
    async stop() {
      await stack.stop();
      await fastviewer.stop();
      await video.stop();
    },
  };
}

/**
 * A LANBilling manager setting up meeting and video rooms customers over SOAP, and billing's
 * hook sending events through subsync's HTTP API.
 */
export class MeetingWorld {
  readonly lb: LanbillingManager;
  readonly api: SubsyncClient;
  private n = 0;

  constructor(readonly stack: MeetingTestStack) {
    this.lb = new LanbillingManager(stack.lanbilling.url);
    this.api = new SubsyncClient({ baseUrl: stack.app.apiUrl });
  }

  /** An абонент (type 1 organisation, 2 person) with one договор. */
  async holder(name: string, options: { email?: string; type?: 1 | 2; balance?: number } = {}): Promise<{ uid: number; agrmid: number }> {
    const uid = await insupdAccount(this.lb.client, { name, type: options.type ?? 2, ...(options.email ? { email: options.email } : {}) });
    const agrmid = await insupdAgreement(this.lb.client, { uid, operid: 1, curid: 1, number: `A-${uid}`, balance: options.balance ?? 1000, credit: 0 });
    return { uid, agrmid };
  }

  /** An activated учётная запись on `tarid` with the tariff's service of `category` (meeting or video rooms), with an intercom login. */
  async account(agrmid: number, tarid: number, category: number, address = `ул. Тестовая ${++this.n}`): Promise<{ vgid: string; servid: number }> {
    const login = `vg-${randomUUID().slice(0, 8)}`;
    const vgid = await insupdVgroup(this.lb.client, { vgroup: { agrmid, id: 7, tarid, login }, addons: { isvyaz_login: `7900${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` }, address });
    await this.lb.activate(String(vgid));
    const servid = await this.addService(String(vgid), tarid, category);
    return { vgid: String(vgid), servid };
  }

  addService(vgid: string, tarid: number, category: number): Promise<number> {
    return insupdUsboxService(this.lb.client, { vgid: Number(vgid), tarid, catidx: category, timefrom: formatLbDate(new Date(Date.now() - 3600_000)) });
  }

  /** A tariff change as a manager makes it: the vgroup moves to the new tariff, the old service ends, the new tariff's starts. */
  async changeTariff(vgid: string, agrmid: number, oldServid: number, tarid: number, category: number): Promise<number> {
    const login = `vg-${randomUUID().slice(0, 8)}`;
    await insupdVgroup(this.lb.client, { vgroup: { vgid: Number(vgid), agrmid, id: 7, tarid, login } });
    await stopUsboxService(this.lb.client, { servid: oldServid, timeto: formatLbDate(new Date(Date.now() - 1000)) });
    return this.addService(vgid, tarid, category);
  }

  endService = (servid: number) => stopUsboxService(this.lb.client, { servid, timeto: formatLbDate(new Date(Date.now() - 1000)) });
  block = (vgid: string) => blkVgroup(this.lb.client, { vgid: Number(vgid), blk: 3, state: 'on' });
  unblock = (vgid: string) => blkVgroup(this.lb.client, { vgid: Number(vgid), blk: 3, state: 'off' });
  switchOff = (vgid: string) => this.lb.switchOff(vgid);

  /** Billing's hook: one event, answered once applied or parked. */
  send(account: string, type: string, extra: Record<string, unknown> = {}): Promise<SubmitEventResponse> {
    return this.api.submitEvent({ id: `hook-${account}-${type}-${randomUUID()}`, billing: 'lanbilling', account, type, ...extra }, { wait: true, timeoutMs: 30_000 });
  }

  /** FastViewer's license for this LANBilling account, as the simulator holds it. */
  license(vgid: string) {
    return this.stack.fastviewer.state().licenses.find((l) => l.externalReference === `lanbilling:${vgid}`);
  }

  slot(view: { platforms: { service: string; attached: boolean; summary?: string; detail?: Record<string, unknown> }[] } | undefined, service: string) {
    return view?.platforms.find((p) => p.service === service);
  }
}

export { MEETING_CATEGORY, PARENT_HOLDER, VIDEO_ROOMS_CATEGORY };
