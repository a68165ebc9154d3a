import { unprocessable } from './api-error';
import type { IspIntegratorData } from './data';
import type { ContractedPlanRecord } from './model';

/** Preconditions shared by the TV tab's operations on a contracted plan. */

export function requireActive(cp: ContractedPlanRecord): void {
  if (cp.status !== 'active') throw unprocessable('status', `contracted plan "${cp.id}" is ${cp.status}, not active`);
}

export function requireNotCancelled(cp: ContractedPlanRecord): void {
  if (cp.status === 'cancelled') throw unprocessable('status', `contracted plan "${cp.id}" is cancelled`);
}

export function requireTvPlan(data: IspIntegratorData, cp: ContractedPlanRecord): void {
  if (!data.plan(cp.planId).allowsTvPlans) throw unprocessable('planId', `plan "${cp.planId}" does not allow TV plans ("Permite a criação de Planos de TV" is No)`);
}

/** "O cliente deverá ter o Login de Radius no Plano." */
export function requireRadiusLogin(cp: ContractedPlanRecord): void {
  if (!cp.radiusLogin) throw unprocessable('radiusLogin', `contracted plan "${cp.id}" has no RADIUS login ("Login de Radius"); TV needs one`);
}
