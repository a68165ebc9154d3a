import { conflict, notFound, unprocessable } from './api-error';
import { requireNotCancelled, requireRadiusLogin, requireTvPlan } from './rules';
import type { IspIntegratorData } from './data';
import type { ContractedPlanRecord, Point, SetTopBox } from './model';

/**
 * Set-top boxes and the points ("Ponto") that use them. A CASN must be registered as a set-top
 * box ("deverá estar cadastrado no Set-Top box") and can serve one point at a time.
 */

/** What a CASN looks like here (and in the connector's STB import): 8–20 letters or digits. */
export const CASN_PATTERN = /^[A-Za-z0-9]{8,20}$/;

/** Registers a box; registering the same box again changes nothing. */
export function registerSetTopBox(data: IspIntegratorData, input: { casn: string; assetNumber: string; model?: string }): { box: SetTopBox; created: boolean } {
  if (!CASN_PATTERN.test(input.casn)) throw unprocessable('casn', `"${input.casn}" is not a CASN (8–20 letters or digits)`);
  const existing = data.setTopBoxes.get(input.casn);
  if (existing) {
    if (existing.assetNumber !== input.assetNumber) throw conflict('assetNumber', `set-top box "${input.casn}" is registered with asset number "${existing.assetNumber}"`);
    if ((existing.model ?? null) !== (input.model ?? null)) throw conflict('model', `set-top box "${input.casn}" is registered as model "${existing.model ?? '(none)'}"`);
    return { box: existing, created: false };
  }
  const holder = data.boxByAssetNumber.get(input.assetNumber);
  if (holder !== undefined) throw conflict('assetNumber', `asset number "${input.assetNumber}" already belongs to set-top box "${holder}"`);
  const box: SetTopBox = { casn: input.casn, assetNumber: input.assetNumber, status: 'available' };
  if (input.model !== undefined) box.model = input.model;
  data.setTopBoxes.set(box.casn, box);
  data.boxByAssetNumber.set(box.assetNumber, box.casn);
  return { box, created: true };
}

export function findSetTopBoxes(data: IspIntegratorData, filter: { assetNumber?: string }): SetTopBox[] {
  if (filter.assetNumber === undefined) return [...data.setTopBoxes.values()];
  const casn = data.boxByAssetNumber.get(filter.assetNumber);
  return casn === undefined ? [] : [data.setTopBoxes.get(casn)!];
}

/** "Add. Ponto" → "Novo Ponto". A point is optional; Deezer (music) has none. */
export function addPoint(data: IspIntegratorData, customerId: string, contractedPlanId: string, input: { location: string; casn: string }): { cp: ContractedPlanRecord; point: Point } {
  const cp = data.contractedPlan(customerId, contractedPlanId);
  requirePointsAllowed(data, cp);
  requireLocation(data, input.location);
  claimBox(data, input.casn);
  const point: Point = { id: data.nextId('point'), location: input.location, casn: input.casn };
  cp.points.push(point);
  data.touch(cp);
  return { cp, point };
}

/** "Editar Ponto": location and/or CASN. */
export function editPoint(data: IspIntegratorData, customerId: string, contractedPlanId: string, pointId: string, input: { location?: string; casn?: string }): ContractedPlanRecord {
  const cp = data.contractedPlan(customerId, contractedPlanId);
  const point = findPoint(cp, pointId);
  requirePointsAllowed(data, cp);
  if (input.location !== undefined) requireLocation(data, input.location);
  if (input.casn !== undefined && input.casn !== point.casn) replaceBox(data, point, input.casn);
  if (input.location !== undefined) point.location = input.location;
  data.touch(cp);
  return cp;
}

/** "Trocar Ponto": the point keeps its place, a new box replaces the old one (which becomes available). */
export function swapPoint(data: IspIntegratorData, customerId: string, contractedPlanId: string, pointId: string, casn: string): ContractedPlanRecord {
  return editPoint(data, customerId, contractedPlanId, pointId, { casn });
}

/** "Retirar Ponto": the box goes back to stock. */
export function removePoint(data: IspIntegratorData, customerId: string, contractedPlanId: string, pointId: string): ContractedPlanRecord {
  const cp = data.contractedPlan(customerId, contractedPlanId);
  requireNotCancelled(cp);
  const point = findPoint(cp, pointId);
  releaseBox(data, point.casn);
  cp.points = cp.points.filter((p) => p.id !== pointId);
  data.touch(cp);
  return cp;
}

export function releaseBox(data: IspIntegratorData, casn: string): void {
  const box = data.setTopBoxes.get(casn);
  if (box) box.status = 'available';
}

function replaceBox(data: IspIntegratorData, point: Point, casn: string): void {
  claimBox(data, casn);
  releaseBox(data, point.casn);
  point.casn = casn;
}

function claimBox(data: IspIntegratorData, casn: string): void {
  const box = data.setTopBoxes.get(casn);
  if (!box) throw conflict('casn', `set-top box "${casn}" is not registered ("deverá estar cadastrado no Set-Top box")`);
  if (box.status === 'in_use') throw conflict('casn', `set-top box "${casn}" is already used by another point`);
  box.status = 'in_use';
}

function requirePointsAllowed(data: IspIntegratorData, cp: ContractedPlanRecord): void {
  requireNotCancelled(cp);
  requireTvPlan(data, cp);
  const platform = data.plan(cp.planId).tvPlatform;
  if (platform && data.platformsWithoutPoints.has(platform)) throw unprocessable('planId', `plan "${cp.planId}" is delivered by ${platform}, a service without set-top points`);
  requireRadiusLogin(cp);
}

function requireLocation(data: IspIntegratorData, location: string): void {
  if (!data.pointLocations.includes(location)) {
    throw unprocessable('location', `"${location}" is not a registered point location ("Local do Ponto"); registered: ${data.pointLocations.join(', ')}`);
  }
}

function findPoint(cp: ContractedPlanRecord, pointId: string): Point {
  const point = cp.points.find((p) => p.id === pointId);
  if (!point) throw notFound('pointId', `contracted plan "${cp.id}" has no point "${pointId}"`);
  return point;
}
