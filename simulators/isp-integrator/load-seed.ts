import { ApiError } from './api-error';
import { addContractedPlan, addExtraPackage, cancelPackage, createCustomer, setExtraFields, updateContractedPlan } from './contracts';
import { IspIntegratorData } from './data';
import { addPoint, registerSetTopBox } from './points';
import { seedSchema } from './seed';

/**
 * Builds fresh data from a seed (format in README.md). Customers go through the API's own rules,
 * so an inconsistent seed fails with the path of the offending entry.
 */
export function loadSeed(input: unknown): IspIntegratorData {
  const parsed = seedSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SeedError(`seed ${issue.path.join('.')}: ${issue.message}`);
  }
  const seed = parsed.data;
  const data = new IspIntegratorData();
  for (const pkg of seed.packages) data.packages.set(pkg.id, { ...pkg, platformCode: pkg.platformCode ?? pkg.id });
  seed.plans.forEach((plan, i) => {
    if (plan.releasedPackageId !== null && !data.packages.has(plan.releasedPackageId)) {
      throw new SeedError(`seed plans.${i}.releasedPackageId: package "${plan.releasedPackageId}" is not in the seed`);
    }
    data.plans.set(plan.id, { ...plan });
  });
  data.pointLocations.push(...seed.pointLocations);
  for (const code of seed.platformsWithoutPoints) data.platformsWithoutPoints.add(code);
  seed.setTopBoxes.forEach((box, i) => at(`setTopBoxes.${i}`, () => registerSetTopBox(data, box)));
  seed.customers.forEach((c, i) =>
    at(`customers.${i}`, () => {
      createCustomer(data, c);
      for (const p of c.plans) {
        const cp = addContractedPlan(data, c.id, p);
        for (const extra of p.extraPackages) {
          addExtraPackage(data, c.id, cp.id, extra);
          if (extra.status === 'cancelled') cancelPackage(data, c.id, cp.id, extra.packageId);
        }
        for (const point of p.points) addPoint(data, c.id, cp.id, point);
        setExtraFields(data, c.id, cp.id, p.extraFields);
        updateContractedPlan(data, c.id, cp.id, { status: p.status });
      }
    }),
  );
  return data;
}

/** `statusCode` makes the admin server answer 400 instead of 500. */
export class SeedError extends Error {
  readonly statusCode = 400;
}

function at(path: string, apply: () => unknown): void {
  try {
    apply();
  } catch (err) {
    if (err instanceof ApiError) throw new SeedError(`seed ${path}: ${err.message}`);
    throw err;
  }
}
