import { demoLicenses } from '../config/defaults';
import { INTERCOM, type LanbillingSeed } from './lanbilling';
import type { IntercomSeed } from './intercom';
import { defaultSeed as ispDefaultSeed } from './isp-integrator/seed';
import type { LicenseCentralSeed } from './license-central';

/** An activated учётная запись of the intercom agent and tariff, with the monthly intercom service. */
const intercom = { agentid: INTERCOM.agentid, tarid: INTERCOM.tarid, activated: true, services: [{ catidx: INTERCOM.catidx }] };

/**
 * Demo subscribers `npm start` seeds: the Ivanovs rent two apartments under one intercom
 * login (one platform profile, two addresses); Petrova already has a profile on the intercom
 * platform (linked, not created); Sidorov's balance cannot pay the monthly charge; Kuznetsova
 * also buys software licenses (tariff "Office + antivirus"): License Central gets the order and
 * billing the ticket number in her vgroup's `license_ticket` addon.
 */
export const demoLanbilling: LanbillingSeed = {
  addonFields: [{ name: demoLicenses.ticketField, descr: 'Тикет CodeMeter License Central' }],
  accounts: [
    {
      uid: 1, type: 2, name: 'Иванов Иван Иванович',
      agreements: [{
        agrmid: 10, number: 'A-0010', balance: 1000, credit: 0,
        vgroups: [
          { vgid: 100, login: 'ivanov-kv12', ...intercom, address: 'ул. Ленина 1, кв. 12', addons: { isvyaz_login: '79001234567' } },
          { vgid: 101, login: 'ivanov-kv14', ...intercom, address: 'ул. Ленина 1, кв. 14', addons: { isvyaz_login: '79001234567' } },
        ],
      }],
    },
    {
      uid: 2, type: 2, name: 'Петрова Анна Сергеевна',
      agreements: [{ agrmid: 20, number: 'A-0020', balance: 500, credit: 0, vgroups: [{ vgid: 200, login: 'petrova', ...intercom, address: 'ул. Мира 5, кв. 3', addons: { isvyaz_login: '79007654321' } }] }],
    },
    {
      uid: 3, type: 2, name: 'Сидоров Пётр',
      agreements: [{ agrmid: 30, number: 'A-0030', balance: 20, credit: 0, vgroups: [{ vgid: 300, login: 'sidorov', ...intercom, address: 'пр. Победы 7, кв. 40', addons: { isvyaz_login: '79005550000' } }] }],
    },
    {
      uid: 4, type: 2, name: 'Кузнецова Мария Павловна',
      agreements: [{
        agrmid: 40, number: 'A-0040', balance: 2000, credit: 0,
        vgroups: [{
          vgid: 400, login: 'kuznetsova', ...intercom, address: 'ул. Садовая 3, кв. 8', addons: { isvyaz_login: '79003332211' },
          services: [...intercom.services, { catidx: demoLicenses.catidx, tarid: demoLicenses.tariffs.officeSecurity }],
        }],
      }],
    },
  ],
};

/** The items billing's license tariffs sell, as License Central's admin sets them up before the first order. */
export const licenseCatalog: LicenseCentralSeed = {
  items: [
    { firmCode: demoLicenses.firmCode, productCode: demoLicenses.products.office, name: 'Office Suite (365 days)', expiry: { kind: 'days_after_first_activation', days: 365 } },
    { firmCode: demoLicenses.firmCode, productCode: demoLicenses.products.antivirus, name: 'Antivirus' },
  ],
};

export const demoIntercom: IntercomSeed = {
  profiles: [{ login: '79007654321', name: 'Петрова А. С.', addresses: [] }],
} as IntercomSeed;

/**
 * The TV platforms must know the packages billing sells before subscribers get them ("deverá ser
 * feito o cadastro ... na Plataforma de TV"): each platform's catalog is the ISP-Integrator
 * packages' platform codes, base or extra as billing has them.
 */
export function tvCatalogFromBilling(packages = ispDefaultSeed.packages ?? []): { packages: { code: string; name: string; kind: 'base' | 'extra' }[] } {
  return { packages: packages.map((p) => ({ code: p.platformCode ?? p.id, name: p.name, kind: p.extra ? 'extra' : 'base' })) };
}

/**
 * License Central for the NotificationDispatcher demo: three items (one whose expiry counts from
 * the first activation), orders from two channels (the ERP and a web shop), some licenses
 * already activated into CmContainers. Their changes are in the feeds the dispatcher reads.
 */
export const demoLicenseCentral: LicenseCentralSeed = {
  items: [
    { firmCode: 6000010, productCode: 201, name: 'Intercom App', expiry: { kind: 'days_after_first_activation', days: 365 } },
    { firmCode: 6000010, productCode: 202, name: 'Video archive' },
    { firmCode: 6000010, productCode: 203, name: 'Trial', expiry: { kind: 'fixed', date: '2027-06-30T00:00:00Z' } },
  ],
  tickets: [
    {
      orderNumber: 'ERP-1001',
      customer: { customerNumber: 'lanbilling:100', name: 'Иванов Иван' },
      lines: [{ position: '1', firmCode: 6000010, productCode: 201, quantity: 2 }, { position: '2', firmCode: 6000010, productCode: 202, quantity: 1 }],
      activations: [{ position: '1', containerSerial: '130-1000001', count: 2 }],
    },
    {
      orderNumber: 'SHOP-77',
      customer: { customerNumber: 'shop:77', name: 'Petrova A.', email: 'petrova@example.com' },
      lines: [{ position: '1', firmCode: 6000010, productCode: 203, quantity: 1 }],
    },
  ],
};
