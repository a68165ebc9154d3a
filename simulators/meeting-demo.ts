import type { FastViewerSeed } from './fastviewer';
import type { LanbillingSeed } from './lanbilling';

/**
 * The meeting and video rooms set-up of the demo (and of the tests that use the config
 * defaults): LANBilling tariffs whose category 6 is a meeting license and category 7 video
 * rooms, the profiles the reseller defined on its FastViewer parent license, and the billing
 * account that holds that parent license (charged the month's session seconds).
 */
export const MEETING_CATEGORY = 6;
export const VIDEO_ROOMS_CATEGORY = 7;
/** LANBilling tariff ids: the plan codes the services' `plans` map. */
export const MEETING_TARIFFS = { basic: 31, pro: 32, trial: 33 } as const;
export const VIDEO_ROOMS_TARIFFS = { basic: 41, pro: 42 } as const;
/** FastViewer's parent license of the simulator's default reseller. */
export const MEETING_PARENT_LICENSE = '100001';
/** The LANBilling учётная запись (and its договор) holding the parent license. */
export const PARENT_HOLDER = { vgid: 900, agrmid: 90 } as const;

/** What the reseller set up in the FastViewer portal on its parent license. */
export const meetingProfiles: NonNullable<FastViewerSeed['profiles']> = [
  { id: 'P-BASIC', parentLicense: MEETING_PARENT_LICENSE, name: 'Basic', display: { language: 'ru', theme: 'standard' }, functions: ['remote_control', 'chat'], branding: { companyName: 'Телемост' } },
  { id: 'P-PRO', parentLicense: MEETING_PARENT_LICENSE, name: 'Pro', display: { language: 'ru', theme: 'standard' }, functions: ['remote_control', 'chat', 'file_transfer', 'whiteboard', 'recording'], branding: { companyName: 'Телемост' } },
];

/** The services' config blocks for these tariffs (config/defaults.ts). */
export const meetingPlans = {
  [MEETING_TARIFFS.basic]: { profile: 'P-BASIC', lines: 2 },
  [MEETING_TARIFFS.pro]: { profile: 'P-PRO', lines: 5 },
  [MEETING_TARIFFS.trial]: { profile: 'P-PRO', lines: 1, trialDays: 14 },
};
export const videoRoomsPlans = {
  [VIDEO_ROOMS_TARIFFS.basic]: { package: 'meet-basic', rooms: [{ key: 'main', name: 'Переговорная' }] },
  [VIDEO_ROOMS_TARIFFS.pro]: {
    package: 'meet-pro',
    rooms: [
      { key: 'main', name: 'Переговорная' },
      { key: 'board', name: 'Совет директоров' },
      { key: 'webinar', name: 'Вебинар', isPublic: true },
    ],
  },
};

const activated = { agentid: 7, activated: true };
const service = (catidx: number) => [{ catidx, timefrom: '2026-01-01 00:00:00' }];

/**
 * Demo customers: an office with Meeting Pro whose license already exists at FastViewer (linked,
 * not created) with last month's sessions; a small firm on a meeting trial; a person with video
 * rooms Pro; and the company holding the FastViewer parent license.
 */
export const demoMeetingLanbilling: LanbillingSeed = {
  accounts: [
    {
      uid: 5, type: 1, name: 'ООО «Ромашка»', email: 'office@romashka.example',
      agreements: [{ agrmid: 50, number: 'A-0050', balance: 5000, vgroups: [{ vgid: 500, login: 'romashka-meet', ...activated, tarid: MEETING_TARIFFS.pro, address: 'ул. Садовая 3, офис 12', addons: { isvyaz_login: '79002220040' }, services: service(MEETING_CATEGORY) }] }],
    },
    {
      uid: 6, type: 2, name: 'Смирнова Ольга Петровна', email: 'olga.smirnova@example.ru',
      agreements: [{ agrmid: 60, number: 'A-0060', balance: 2000, vgroups: [{ vgid: 600, login: 'smirnova-rooms', ...activated, tarid: VIDEO_ROOMS_TARIFFS.pro, address: 'пр. Мира 10, кв. 5', addons: { isvyaz_login: '79002220050' }, services: service(VIDEO_ROOMS_CATEGORY) }] }],
    },
    {
      uid: 7, type: 2, name: 'Козлов Андрей Викторович', email: 'kozlov@example.ru',
      agreements: [{ agrmid: 70, number: 'A-0070', balance: 300, vgroups: [{ vgid: 700, login: 'kozlov-trial', ...activated, tarid: MEETING_TARIFFS.trial, address: 'ул. Лесная 8, кв. 2', addons: { isvyaz_login: '79002220060' }, services: service(MEETING_CATEGORY) }] }],
    },
    {
      uid: 9, type: 1, name: 'ООО «Телемост»', email: 'billing@telemost.example',
      agreements: [{ agrmid: PARENT_HOLDER.agrmid, number: 'A-0090', balance: 100_000, vgroups: [{ vgid: PARENT_HOLDER.vgid, login: 'telemost-parent', ...activated, tarid: 1, address: 'ул. Связи 1', addons: { isvyaz_login: '79002220090' } }] }],
    },
  ],
};

/** Romashka's license as FastViewer already has it, with three sessions in the month before `now`. */
export function demoFastViewer(now = Date.now()): FastViewerSeed {
  const d = new Date(now);
  const lastMonth = (day: number, hour: number, minute = 0) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, day, hour, minute)).toISOString();
  return {
    licenses: [{ licenseNumber: '300001', parentLicense: MEETING_PARENT_LICENSE, externalReference: 'lanbilling:500', name: 'ООО «Ромашка»', email: 'office@romashka.example', lines: 5, profileId: 'P-PRO' }],
    usage: [
      { licenseNumber: '300001', startedAt: lastMonth(3, 9), endedAt: lastMonth(3, 10, 2) },
      { licenseNumber: '300001', startedAt: lastMonth(12, 14), endedAt: lastMonth(12, 14, 45) },
      { licenseNumber: '300001', startedAt: lastMonth(20, 11), endedAt: lastMonth(20, 11, 30) },
    ],
  };
}
