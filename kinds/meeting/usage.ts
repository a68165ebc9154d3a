import { meetingPort } from '../../connectors/meetings/port';
import type { UsageSource } from '../usage';
import type { MeetingSettings } from './settings';

/** Seconds of finished sessions per child license under a parent license: what month-end usage billing charges. */
export const meetingUsage: UsageSource<MeetingSettings> = {
  async totals(ctx, settings, input) {
    const platform = ctx.connectors.get(meetingPort, settings.platform);
    const page = await platform.usageTotals({ parentLicense: input.parent, from: input.from, to: input.to, cursor: input.cursor, limit: input.limit });
    return { items: page.items.map((t) => ({ resourceId: t.licenseNumber, sessions: t.sessions, seconds: t.seconds })), nextCursor: page.nextCursor };
  },
};
