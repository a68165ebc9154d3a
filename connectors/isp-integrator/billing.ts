import { createHash } from 'node:crypto';
import type { Logger } from '../../domain/logger';
import { PermanentError } from '../errors';
import type { AccountDigest, BillingSystem } from '../ports';
import type { SetTopBoxImporter, TvInvoicingBilling } from '../tv-billing/port';
import type { ChargeResult } from '../../domain/billing';
import { IspIntegratorAccount, toBillingAccount } from './account';
import { IspIntegratorClient } from './client';
import { importSetTopBoxes } from './stb-import';
import type { IspIntegratorConfig } from './config';
import { addContractedPlan, AddContractedPlanInput } from './operations/add-contracted-plan';
import { addExtraPackage, AddExtraPackageInput } from './operations/add-extra-package';
import { addPoint, AddPointInput } from './operations/add-point';
import { cancelPackage, PackageRefInput } from './operations/cancel-package';
import { changePlan, ChangePlanInput } from './operations/change-plan';
import { createCustomer, CreateCustomerInput } from './operations/create-customer';
import { createTvBillingEvent, CreateTvBillingEventInput } from './operations/create-tv-billing-event';
import { deletePackage } from './operations/delete-package';
import { editPoint, EditPointInput } from './operations/edit-point';
import { findSetTopBoxByAssetNumber } from './operations/find-set-top-box-by-asset-number';
import { getContractedPlan } from './operations/get-contracted-plan';
import { getCustomer } from './operations/get-customer';
import { getPackage } from './operations/get-package';
import { getPlanSettings } from './operations/get-plan-settings';
import { getSetTopBox } from './operations/get-set-top-box';
import { getStatement } from './operations/get-statement';
import { getTvBillingEvent } from './operations/get-tv-billing-event';
import { health } from './operations/health';
import { listChargedExtras } from './operations/list-charged-extras';
import { listCustomers } from './operations/list-customers';
import { listPackages } from './operations/list-packages';
import { listPlans } from './operations/list-plans';
import { listPointLocations } from './operations/list-point-locations';
import { listTvBillingEvents, ListTvBillingEventsInput } from './operations/list-tv-billing-events';
import { registerSetTopBox, RegisterSetTopBoxInput } from './operations/register-set-top-box';
import { removePoint, RemovePointInput } from './operations/remove-point';
import { runStandardBilling, RunStandardBillingInput } from './operations/run-standard-billing';
import { setExtraFields, SetExtraFieldsInput } from './operations/set-extra-fields';
import { swapPoint, SwapPointInput } from './operations/swap-point';
import { updateContractedPlan, UpdateContractedPlanInput } from './operations/update-contracted-plan';
import type { PlanSettings, TvPackage } from './schemas';

/** Plan settings change rarely; re-reading them for every account of a 100,000-customer listing would not. */
const PLAN_CACHE_MS = 60_000;
const ACCOUNT_PAGE_SIZE = 1000;

interface Cached<T> {
  at: number;
  value: Promise<T>;
}

/**
 * ISP-Integrator as subsync sees it: the BillingSystem port (account = customer) plus the typed TV
 * API the TV activities call, plus the staff actions tests and the demo use to play the ISP.
 */
export class IspIntegratorBilling implements BillingSystem, TvInvoicingBilling, SetTopBoxImporter {
  readonly kind = 'isp-integrator';
  /** ISP-Integrator requires the RADIUS login on every TV plan (seed 002). */
  readonly loginField = 'Login de Radius';
  private readonly client: IspIntegratorClient;
  private planCache?: Cached<Map<string, PlanSettings>>;
  private packageCache?: Cached<Map<string, TvPackage>>;

  private readonly servicePlans: NonNullable<IspIntegratorConfig['servicePlans']>;

  constructor(readonly name: string, config: IspIntegratorConfig, logger?: Logger) {
    this.client = new IspIntegratorClient(name, config, logger);
    this.servicePlans = config.servicePlans ?? {};
  }

  // --- BillingSystem ---

  async getAccount(accountId: string): Promise<IspIntegratorAccount> {
    const [customer, plans, packages] = await Promise.all([getCustomer(this.client, accountId), this.plans(), this.packages()]);
    return toBillingAccount(this.name, customer, plans, packages, this.servicePlans);
  }

  async listAccounts(): Promise<IspIntegratorAccount[]> {
    const [plans, packages] = await Promise.all([this.plans(), this.packages()]);
    const accounts: IspIntegratorAccount[] = [];
    let cursor: string | undefined;
    do {
      const page = await listCustomers(this.client, { cursor, limit: ACCOUNT_PAGE_SIZE });
      for (const customer of page.items) accounts.push(toBillingAccount(this.name, customer, plans, packages, this.servicePlans));
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return accounts;
  }

  /**
   * One page of GET /customers (limit at most 1000, the API's maximum): the list already holds
   * each customer in full, so the digest is a hash of the mapped account. The plan and package
   * catalogs it maps with are cached; a page that had to (re)load them counts those calls too.
   */
  async scanAccounts(input: { cursor?: string; pageSize: number }): Promise<{ accounts: AccountDigest[]; nextCursor?: string; calls: number }> {
    const catalogsBefore = [this.planCache, this.packageCache];
    const [plans, packages] = await Promise.all([this.plans(), this.packages()]);
    const catalogCalls = [this.planCache, this.packageCache].filter((cache, i) => cache !== catalogsBefore[i]).length;
    const page = await listCustomers(this.client, { cursor: input.cursor, limit: Math.min(input.pageSize, ACCOUNT_PAGE_SIZE) });
    const accounts = page.items.map((customer) => {
      const account = toBillingAccount(this.name, customer, plans, packages, this.servicePlans);
      return { accountId: account.accountId, digest: createHash('sha256').update(JSON.stringify(account)).digest('hex').slice(0, 16) };
    });
    return { accounts, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}), calls: 1 + catalogCalls };
  }

  /** ISP-Integrator takes no direct charges: TV extras are billed by billing events and its standard billing run. */
  async charge(): Promise<ChargeResult> {
    throw new PermanentError(this.name, 'charge', 'rejected', 'ISP-Integrator does not take direct charges; TV is billed through TV billing events (createTvBillingEvent) and its standard billing run');
  }

  /** Blocking belongs to ISP-Integrator (a suspended contracted plan); subsync never blocks there. */
  async setBlock(): Promise<void> {
    throw new PermanentError(this.name, 'setBlock', 'rejected', 'ISP-Integrator suspends contracted plans itself; subsync does not set blocks there');
  }

  health(): Promise<void> {
    return health(this.client);
  }

  // --- TV API used by the activities ---

  getCustomer = (customerId: string) => getCustomer(this.client, customerId);
  getContractedPlan = (input: { customerId: string; contractedPlanId: string }) => getContractedPlan(this.client, input);
  getPackage = (packageId: string) => getPackage(this.client, packageId);
  listPackages = (input?: { extra?: boolean }) => listPackages(this.client, input);
  getPlanSettings = (planId: string) => getPlanSettings(this.client, planId);
  listPlans = () => listPlans(this.client);
  listPointLocations = () => listPointLocations(this.client);
  listChargedExtras = (input?: { cursor?: string; limit?: number }) => listChargedExtras(this.client, input);
  createTvBillingEvent = (input: CreateTvBillingEventInput) => createTvBillingEvent(this.client, input);
  listTvBillingEvents = (input?: ListTvBillingEventsInput) => listTvBillingEvents(this.client, input);
  getTvBillingEvent = (eventId: string) => getTvBillingEvent(this.client, eventId);
  setExtraFields = (input: SetExtraFieldsInput) => setExtraFields(this.client, input);
  registerSetTopBox = (input: RegisterSetTopBoxInput) => registerSetTopBox(this.client, input);
  /** "Importar STB": the CSV's boxes registered one by one (stb-import.ts). */
  importSetTopBoxes = (csv: string) => importSetTopBoxes(csv, this);
  findSetTopBoxByAssetNumber = (assetNumber: string) => findSetTopBoxByAssetNumber(this.client, assetNumber);
  getSetTopBox = (casn: string) => getSetTopBox(this.client, casn);
  getStatement = (customerId: string) => getStatement(this.client, customerId);
  listCustomers = (input?: { cursor?: string; limit?: number }) => listCustomers(this.client, input);

  // --- Staff actions (ISP-Integrator desk), used by tests and the demo ---

  createCustomer = (input: CreateCustomerInput) => createCustomer(this.client, input);
  addContractedPlan = (input: AddContractedPlanInput) => addContractedPlan(this.client, input);
  updateContractedPlan = (input: UpdateContractedPlanInput) => updateContractedPlan(this.client, input);
  changePlan = (input: ChangePlanInput) => changePlan(this.client, input);
  addExtraPackage = (input: AddExtraPackageInput) => addExtraPackage(this.client, input);
  cancelPackage = (input: PackageRefInput) => cancelPackage(this.client, input);
  deletePackage = (input: PackageRefInput) => deletePackage(this.client, input);
  addPoint = (input: AddPointInput) => addPoint(this.client, input);
  editPoint = (input: EditPointInput) => editPoint(this.client, input);
  removePoint = (input: RemovePointInput) => removePoint(this.client, input);
  swapPoint = (input: SwapPointInput) => swapPoint(this.client, input);
  runStandardBilling = (input: RunStandardBillingInput) => runStandardBilling(this.client, input);

  /** Writes platform data (e.g. the Beenius subscriber id and PIN) into the contracted plan's extra fields. */
  async setSubscriptionFields(accountId: string, subscriptionId: string, fields: Record<string, string>): Promise<void> {
    await setExtraFields(this.client, { customerId: accountId, contractedPlanId: subscriptionId, fields });
  }

  /** A service sold as a plan (`servicePlans`) keeps its written-back data in the contracted plan's extra fields. */
  async setServiceFields(accountId: string, externalId: string, fields: Record<string, string>): Promise<void> {
    await setExtraFields(this.client, { customerId: accountId, contractedPlanId: externalId, fields });
  }

  private plans(): Promise<Map<string, PlanSettings>> {
    this.planCache = this.fresh(this.planCache, () => listPlans(this.client).then((list) => new Map(list.map((p) => [p.id, p]))));
    return this.planCache.value;
  }

  /** The package catalog, to translate billing's package ids into platform codes. */
  private packages(): Promise<Map<string, TvPackage>> {
    this.packageCache = this.fresh(this.packageCache, () => listPackages(this.client).then((list) => new Map(list.map((p) => [p.id, p]))));
    return this.packageCache.value;
  }

  private fresh<T>(cache: Cached<T> | undefined, load: () => Promise<T>): Cached<T> {
    if (cache && Date.now() - cache.at <= PLAN_CACHE_MS) return cache;
    const entry: Cached<T> = { at: Date.now(), value: load() };
    // A failed read must not be cached: the next call tries again.
    entry.value.catch(() => {
      if (this.planCache === (entry as unknown)) this.planCache = undefined;
      if (this.packageCache === (entry as unknown)) this.packageCache = undefined;
    });
    return entry;
  }
}
