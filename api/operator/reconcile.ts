import { Client, QueryNotRegisteredError, WorkflowHandle, WorkflowNotFoundError } from '@temporalio/client';
import type { ReconcileInput, ReconcileSummary, reconcileWorkflow } from '../../workflows/reconcile';
import { reconcileProgressQuery } from '../../workflows/reconcile';
import { ReconcileRequest, ReconcileRun } from '../operations';
import { closedRunFailure, pollWhileRunning } from './workflow-runs';

/**
 * `subsync reconcile` on the server side: starts the reconcile workflow (workflows/reconcile.ts)
 * and reads its state. The run's id says what it covers and when it started, so operators find
 * it in the Temporal UI by billing system or account.
 */
const reconcileWorkflowType = 'reconcileWorkflow';
const idPrefix = 'reconcile:';

function reconcileWorkflowId(request: ReconcileRequest): string {
  return `${idPrefix}${request.billing}:${request.account ?? 'fleet'}:${new Date().toISOString()}`;
}

export async function startReconcile(
  deps: { client: Client; taskQueue: string },
  request: ReconcileRequest,
  options: { wait?: boolean; timeoutMs?: number } = {},
): Promise<ReconcileRun> {
  const workflowId = reconcileWorkflowId(request);
  const input: ReconcileInput = { billing: request.billing, account: request.account, repair: request.repair };
  const scope = request.account ? `account ${request.account}` : 'every account';
  await deps.client.workflow.start<typeof reconcileWorkflow>(reconcileWorkflowType, {
    workflowId,
    taskQueue: deps.taskQueue,
    args: [input],
    staticSummary: `${request.repair ? 'Repair' : 'Dry run'}: reconcile ${scope} of ${request.billing} with its platforms`,
    staticDetails: request.repair
      ? 'Compares packages and points in billing with each platform; every drifted account gets a sync event, applied by its subscriber workflow.'
      : 'Compares packages and points in billing with each platform and reports the drift; changes nothing.',
  });
  if (!options.wait) return { workflowId, status: 'RUNNING' };
  return pollWhileRunning(() => getReconcile(deps.client, workflowId).then((run) => run!), options.timeoutMs);
}

export async function getReconcile(client: Client, workflowId: string): Promise<ReconcileRun | null> {
  if (!workflowId.startsWith(idPrefix)) return null;
  const handle = client.workflow.getHandle<typeof reconcileWorkflow>(workflowId);
  let status;
  try {
    status = (await handle.describe()).status.name;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return null;
    throw err;
  }
  if (status === 'RUNNING') return { workflowId, status, summary: await progress(handle) };
  if (status === 'COMPLETED') return { workflowId, status, summary: (await handle.result()) as ReconcileSummary };
  return { workflowId, status, failure: await closedRunFailure(handle) };
}

/** The totals so far; none while the run is still listing the accounts (the workflow answers the query only after that). */
async function progress(handle: WorkflowHandle<typeof reconcileWorkflow>): Promise<ReconcileSummary | undefined> {
  try {
    return await handle.query(reconcileProgressQuery);
  } catch (err) {
    if (err instanceof QueryNotRegisteredError) return undefined;
    throw err;
  }
}
