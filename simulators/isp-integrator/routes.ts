import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest, notFound } from './api-error';
import * as contracts from './contracts';
import type { IspIntegratorData } from './data';
import { idempotencyKeyOf } from './idempotency';
import * as points from './points';
import * as tvBilling from './tv-billing';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Operation name used by fault injection (e.g. "addExtraPackage"). */
    operation?: string;
  }
}

/**
 * ISP-Integrator's REST surface (no public API doc exists; modelled on the desk screens in
 * https://wiki.elitesoft.com.br/index.php?title=M%C3%B3dulo_Desktop_-_Integra%C3%A7%C3%A3o_com_Plataformas_de_TV).
 * Each route names its operation; the README lists them with their Portuguese labels.
 */
const id = z.string().min(1).max(40);
const cents = z.number().int().nonnegative().max(100_000_000);
const radiusLogin = z.string().regex(/^[A-Za-z0-9._@-]{1,64}$/, 'letters, digits and . _ @ - only, at most 64');
const casn = z.string().min(1).max(64);
const pageQuery = z.object({ cursor: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).default(100) });

const createCustomerBody = z.object({ id: id.optional(), name: z.string().trim().min(1).max(120), document: z.string().regex(/^\d{11}(\d{3})?$/, 'CPF (11 digits) or CNPJ (14 digits)').optional() });
const addContractedPlanBody = z.object({ id: id.optional(), planId: id, radiusLogin: radiusLogin.optional() });
const updateContractedPlanBody = z.object({ radiusLogin: radiusLogin.optional(), status: z.enum(['active', 'suspended', 'cancelled']).optional() })
  .refine((b) => b.radiusLogin !== undefined || b.status !== undefined, { message: 'give radiusLogin or status', path: ['status'] });
const changePlanBody = z.object({ planId: id });
const addExtraPackageBody = z.object({ packageId: id, price: cents.optional() });
const addPointBody = z.object({ location: z.string().min(1), casn });
const editPointBody = z.object({ location: z.string().min(1).optional(), casn: casn.optional() })
  .refine((b) => b.location !== undefined || b.casn !== undefined, { message: 'give location or casn', path: ['location'] });
const swapPointBody = z.object({ casn });
const extraFieldsBody = z.record(z.string().min(1).max(60), z.string().max(255).nullable());
const registerBoxBody = z.object({ casn, assetNumber: z.string().trim().min(1).max(30), model: z.string().trim().min(1).max(60).optional() });
const billingEventBody = z.object({
  customerId: id,
  contractedPlanId: id,
  dueDate: z.iso.date(),
  items: z.array(z.object({ packageId: id, name: z.string().min(1).max(120).optional(), price: cents })).min(1),
});
const billingEventQuery = pageQuery.extend({ dueDate: z.iso.date().optional(), customerId: id.optional(), status: z.enum(['pending', 'processed']).optional() });
const standardRunBody = z.object({ upTo: z.iso.date() });

/** Parses a body or query; the first problem becomes a 400 naming its field. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw badRequest(issue.path.join('.') || 'body', issue.message);
}

type Params = Record<string, string>;
type Handler = (req: FastifyRequest, reply: FastifyReply, p: Params) => unknown;

export function registerRoutes(app: FastifyInstance, dataOf: () => IspIntegratorData): void {
  const route = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, operation: string, handler: Handler) =>
    app.route({ method, url, config: { operation }, handler: async (req, reply) => handler(req, reply, req.params as Params) });
  const contractedPlanOf = (p: Params) => dataOf().contractedPlanView(dataOf().contractedPlan(p.customerId, p.contractedPlanId));

  route('GET', '/health', 'health', () => ({ status: 'ok', product: 'ISP-Integrator (simulated)' }));

  route('GET', '/plans', 'listPlans', () => ({ items: [...dataOf().plans.values()] }));
  route('GET', '/plans/:planId', 'getPlanSettings', (_req, _reply, p) => dataOf().plan(p.planId));
  route('GET', '/packages', 'listPackages', (req) => {
    const { extra } = parse(z.object({ extra: z.enum(['true', 'false']).optional() }), req.query);
    return { items: [...dataOf().packages.values()].filter((pkg) => extra === undefined || String(pkg.extra) === extra) };
  });
  route('GET', '/packages/:packageId', 'getPackage', (_req, _reply, p) => dataOf().package(p.packageId));
  route('GET', '/point-locations', 'listPointLocations', () => ({ items: [...dataOf().pointLocations] }));

  route('GET', '/customers', 'listCustomers', (req) => contracts.listCustomers(dataOf(), parse(pageQuery, req.query)));
  route('POST', '/customers', 'createCustomer', (req, reply) => {
    const customer = contracts.createCustomer(dataOf(), parse(createCustomerBody, req.body));
    return reply.code(201).send(dataOf().customerView(customer));
  });
  route('GET', '/customers/:customerId', 'getCustomer', (_req, _reply, p) => dataOf().customerView(dataOf().customer(p.customerId)));
  route('GET', '/customers/:customerId/statement', 'getStatement', (_req, _reply, p) => tvBilling.getStatement(dataOf(), p.customerId));

  const cpUrl = '/customers/:customerId/plans/:contractedPlanId';
  route('POST', '/customers/:customerId/plans', 'addContractedPlan', (req, reply, p) => {
    const cp = contracts.addContractedPlan(dataOf(), p.customerId, parse(addContractedPlanBody, req.body));
    return reply.code(201).send(dataOf().contractedPlanView(cp));
  });
  route('GET', cpUrl, 'getContractedPlan', (_req, _reply, p) => contractedPlanOf(p));
  route('PATCH', cpUrl, 'updateContractedPlan', (req, _reply, p) => {
    contracts.updateContractedPlan(dataOf(), p.customerId, p.contractedPlanId, parse(updateContractedPlanBody, req.body));
    return contractedPlanOf(p);
  });
  route('POST', `${cpUrl}/change-plan`, 'changePlan', (req, _reply, p) => {
    contracts.changePlan(dataOf(), p.customerId, p.contractedPlanId, parse(changePlanBody, req.body).planId);
    return contractedPlanOf(p);
  });
  route('POST', `${cpUrl}/packages`, 'addExtraPackage', (req, reply, p) => {
    contracts.addExtraPackage(dataOf(), p.customerId, p.contractedPlanId, parse(addExtraPackageBody, req.body));
    return reply.code(201).send(contractedPlanOf(p));
  });
  route('POST', `${cpUrl}/packages/:packageId/cancel`, 'cancelPackage', (_req, _reply, p) => {
    contracts.cancelPackage(dataOf(), p.customerId, p.contractedPlanId, p.packageId);
    return contractedPlanOf(p);
  });
  route('DELETE', `${cpUrl}/packages/:packageId`, 'deletePackage', (_req, _reply, p) => {
    contracts.deletePackage(dataOf(), p.customerId, p.contractedPlanId, p.packageId);
    return contractedPlanOf(p);
  });
  route('PUT', `${cpUrl}/extra-fields`, 'setExtraFields', (req, _reply, p) => {
    contracts.setExtraFields(dataOf(), p.customerId, p.contractedPlanId, parse(extraFieldsBody, req.body));
    return contractedPlanOf(p);
  });

  route('POST', `${cpUrl}/points`, 'addPoint', (req, reply, p) => {
    points.addPoint(dataOf(), p.customerId, p.contractedPlanId, parse(addPointBody, req.body));
    return reply.code(201).send(contractedPlanOf(p));
  });
  route('PATCH', `${cpUrl}/points/:pointId`, 'editPoint', (req, _reply, p) => {
    points.editPoint(dataOf(), p.customerId, p.contractedPlanId, p.pointId, parse(editPointBody, req.body));
    return contractedPlanOf(p);
  });
  route('POST', `${cpUrl}/points/:pointId/swap`, 'swapPoint', (req, _reply, p) => {
    points.swapPoint(dataOf(), p.customerId, p.contractedPlanId, p.pointId, parse(swapPointBody, req.body).casn);
    return contractedPlanOf(p);
  });
  route('DELETE', `${cpUrl}/points/:pointId`, 'removePoint', (_req, _reply, p) => {
    points.removePoint(dataOf(), p.customerId, p.contractedPlanId, p.pointId);
    return contractedPlanOf(p);
  });

  route('GET', '/set-top-boxes', 'findSetTopBoxes', (req) => ({ items: points.findSetTopBoxes(dataOf(), parse(z.object({ assetNumber: z.string().min(1).optional() }), req.query)) }));
  route('GET', '/set-top-boxes/:casn', 'getSetTopBox', (_req, _reply, p) => dataOf().setTopBox(p.casn));
  route('POST', '/set-top-boxes', 'registerSetTopBox', (req, reply) => {
    const { box, created } = points.registerSetTopBox(dataOf(), parse(registerBoxBody, req.body));
    return reply.code(created ? 201 : 200).send(box);
  });

  route('GET', '/tv/charged-extras', 'listChargedExtras', (req) => tvBilling.listChargedExtras(dataOf(), parse(pageQuery, req.query)));
  route('POST', '/tv/billing-events', 'createTvBillingEvent', (req, reply) => {
    const { event, created } = tvBilling.createTvBillingEvent(dataOf(), parse(billingEventBody, req.body), idempotencyKeyOf(req));
    return reply.code(created ? 201 : 200).send(event);
  });
  route('GET', '/tv/billing-events', 'listTvBillingEvents', (req) => tvBilling.listTvBillingEvents(dataOf(), parse(billingEventQuery, req.query)));
  route('GET', '/tv/billing-events/:eventId', 'getTvBillingEvent', (_req, _reply, p) => {
    const event = dataOf().events.get(p.eventId);
    if (!event) throw notFound('eventId', `billing event "${p.eventId}" does not exist`);
    return event;
  });
  route('POST', '/billing/standard-runs', 'runStandardBilling', (req) => tvBilling.runStandardBilling(dataOf(), parse(standardRunBody, req.body).upTo));
}
