import { Client, WorkflowExecutionStatusName, WorkflowNotFoundError } from '@temporalio/client';
import type { QueryDefinition } from '@temporalio/common';

/** A run of a monthly job as operators see it. */
export interface RunView<Progress, Result> {
  workflowId: string;
  runId: string;
  status: WorkflowExecutionStatusName;
  /** While it runs. */
  progress?: Progress;
  /** Once completed. */
  result?: Result;
  /** Why it failed, was terminated or timed out. */
  failure?: string;
}

/** The run's state, asked of Temporal: progress by `progressQuery` while it runs; undefined when there is no such run. */
export async function describeRun<Progress, Result>(client: Client, workflowId: string, progressQuery: QueryDefinition<Progress>): Promise<RunView<Progress, Result> | undefined> {
  const handle = client.workflow.getHandle(workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
  const view: RunView<Progress, Result> = { workflowId, runId: description.runId, status: description.status.name };
  if (description.status.name === 'RUNNING') view.progress = await handle.query(progressQuery);
  else if (description.status.name === 'COMPLETED') view.result = (await handle.result()) as Result;
  else if (description.status.name !== 'CONTINUED_AS_NEW') {
    view.failure = await handle.result().then(
      () => undefined,
      (err: Error & { cause?: Error }) => err.cause?.message ?? err.message,
    );
  }
  return view;
}
