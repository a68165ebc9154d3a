import axios from 'axios';
import type { InvoicingProgress } from '../../workflows/tv-invoicing';
import type { ChaosCluster, SubsyncProcess } from './cluster';

/** The ISP-Integrator simulator's TV billing events, as its admin state shows them. */
interface IspState {
  billingEvents: { contractedPlanId: string; dueDate: string }[];
}

/** Adds `count` customers, each with one TV plan and one charged extra (the simulator's bench generator). */
export async function generateCustomers(cluster: ChaosCluster, count: number): Promise<void> {
  await axios.post(`${cluster.sims.urls['isp-integrator']}/_admin/generate`, { count }, { timeout: 300_000 });
}

export async function invoicingProgress(cluster: ChaosCluster, workflowId: string): Promise<InvoicingProgress | undefined> {
  return (await cluster.client.getInvoicingRun(workflowId).catch(() => null))?.progress;
}

/** The worker process running the run's page right now, once one has started it. */
export async function workerOnPage(cluster: ChaosCluster, workflowId: string): Promise<SubsyncProcess | undefined> {
  const description = await cluster.temporal.workflow.getHandle(workflowId).describe();
  const page = (description.raw.pendingActivities ?? []).find((a) => a.activityType?.name === 'invoicePage' && a.state === 2);
  return page ? cluster.workerByIdentity(page.lastWorkerIdentity) : undefined;
}

/**
 * Whether the page the dead worker had is running elsewhere (or done): what Temporal itself says,
 * from the workflow's pending activities, so no query waits on the dead worker's sticky queue.
 */
export async function pageMovedOn(cluster: ChaosCluster, workflowId: string, deadPid: number): Promise<boolean> {
  const description = await cluster.temporal.workflow.getHandle(workflowId).describe();
  const page = (description.raw.pendingActivities ?? []).find((a) => a.activityType?.name === 'invoicePage');
  if (!page) return true;
  return page.state === 2 && Number(page.lastWorkerIdentity?.split('@')[0]) !== deadPid;
}

/** Billing events per plan for the due date: how many plans have one, and how many have more than one. */
export async function billingEventsPerPlan(cluster: ChaosCluster, dueDate: string): Promise<{ plans: number; duplicates: number }> {
  const state = await cluster.sims.state<IspState>('isp-integrator');
  const perPlan = new Map<string, number>();
  for (const e of state.billingEvents) if (e.dueDate === dueDate) perPlan.set(e.contractedPlanId, (perPlan.get(e.contractedPlanId) ?? 0) + 1);
  return { plans: perPlan.size, duplicates: [...perPlan.values()].reduce((sum, n) => sum + n - 1, 0) };
}
