import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ApiCredential, CredentialStore } from './credentials';
import { Account, Association, Customer, invalid, notFound, PlatformError, ResellPlatform, Room, slugify, Subscription, User } from './model';

/**
 * The REST API: OAuth2 token endpoint at /oauth/token, resources under /api/v1, responses in
 * the platform's envelope ({data, meta}), list queries with search/limit/page as the API
 * Resources page describes, 422 {message, errors} for invalid input, 401 without a valid
 * token, 403 when the credential lacks the route's permission.
 */
export interface RouteDeps {
  platform: ResellPlatform;
  credentials: CredentialStore;
}

declare module 'fastify' {
  interface FastifyRequest {
    resellCredential?: ApiCredential;
  }
  interface FastifyContextConfig {
    operation?: string;
    permission?: string;
  }
}

const metadata = z.record(z.string(), z.unknown());
const country = z.string().regex(/^[A-Z]{2}$/, 'The country must be a two-letter ISO 3166-1 code.');
const currency = z.string().regex(/^[A-Z]{3}$/, 'The currency must be a three-letter ISO 4217 code.');

const customerCreate = z
  .object({
    customer_type: z.enum(['business', 'personal']),
    first_name: z.string().min(1).max(100),
    last_name: z.string().min(1).max(100),
    email: z.email(),
    company_name: z.string().min(1).max(200).optional(),
    country,
    currency,
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'The language must be an ISO 639-1 code.').optional(),
    password: z.string().min(8).optional(),
    status: z.enum(['active', 'inactive']).optional(),
    external_id: z.string().min(1).max(100).optional(),
    customer_prefix: z.string().min(1).max(10).optional(),
    subdomain: z.string().regex(/^[a-z0-9-]+$/).optional(),
    customer_metadata: metadata.optional(),
  })
  .refine((c) => c.customer_type !== 'business' || c.company_name !== undefined, { message: 'The company name field is required when customer type is business.', path: ['company_name'] });
const customerUpdate = z.object({
  first_name: z.string().min(1).max(100).optional(),
  last_name: z.string().min(1).max(100).optional(),
  company_name: z.string().min(1).max(200).optional(),
  country: country.optional(),
  currency: currency.optional(),
  status: z.enum(['active', 'inactive', 'suspended', 'terminated']).optional(),
  external_id: z.string().min(1).max(100).optional(),
  customer_metadata: metadata.optional(),
});
const userCreate = z.object({ first_name: z.string().min(1).max(100), last_name: z.string().min(1).max(100), email: z.email(), password: z.string().min(8).optional() });
const association = z.object({ user_id: z.string().min(1), permissions: z.array(z.string().min(1)).default([]), owner: z.boolean().default(false) });
const subscriptionCreate = z.object({
  package_id: z.string().min(1),
  subscriber_id: z.string().min(1),
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(1000).optional(),
  subscription_metadata: metadata.optional(),
});
const subscriptionUpdate = z.object({ status: z.enum(['active', 'inactive', 'canceled', 'suspended', 'terminated']).optional(), name: z.string().min(1).optional(), subscription_metadata: metadata.optional() });
const accountCreate = z.object({
  subscription_id: z.string().min(1),
  account_name: z.string().min(1).max(200),
  account_key: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'The account key may only contain lower-case letters, digits and dashes.').optional(),
  account_metadata: metadata.optional(),
});
const accountUpdate = z.object({ account_name: z.string().min(1).max(200).optional(), status: z.enum(['active', 'inactive', 'suspended', 'terminated']).optional(), account_metadata: metadata.optional() });
const roomCreate = z.object({
  account_id: z.string().min(1),
  room_name: z.string().min(1).max(200),
  slug: z.string().regex(/^[a-z0-9-]+$/).optional(),
  is_public: z.boolean().default(false),
  room_features: metadata.optional(),
  room_settings: metadata.optional(),
  room_metadata: metadata.optional(),
});
const roomUpdate = z.object({
  room_name: z.string().min(1).max(200).optional(),
  slug: z.string().regex(/^[a-z0-9-]+$/).optional(),
  is_public: z.boolean().optional(),
  status: z.enum(['active', 'inactive']).optional(),
  room_features: metadata.optional(),
  room_settings: metadata.optional(),
  room_metadata: metadata.optional(),
});

type Params = { id: string };

export function registerRoutes(app: FastifyInstance, { platform, credentials }: RouteDeps): void {
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof PlatformError) return reply.code(err.status).send(err.errors ? { message: err.message, errors: err.errors } : { message: err.message });
    const { statusCode: status, message } = err as { statusCode?: number; message?: string };
    if (status === 400) return reply.code(422).send({ message: 'The given data was invalid.', errors: { body: [String(message)] } });
    return reply.code(status && status >= 400 ? status : 500).send({ message: status && status < 500 ? String(message) : 'Server Error' });
  });

  // ---- OAuth2 (documented: POST /oauth/token, Bearer access tokens, refresh_token grant) ----
  app.post('/oauth/token', { config: { operation: 'token' } }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const grant =
      body.grant_type === 'client_credentials'
        ? credentials.clientCredentialsGrant(body.client_id, body.client_secret)
        : body.grant_type === 'refresh_token'
          ? credentials.refreshTokenGrant(body.client_id, body.client_secret, body.refresh_token)
          : ({ ok: false, status: 400, error: 'unsupported_grant_type', description: 'The authorization grant type is not supported by the authorization server.' } as const);
    if (!grant.ok) return reply.code(grant.status).send({ error: grant.error, error_description: grant.description, message: grant.description });
    return { token_type: 'Bearer', expires_in: grant.expiresIn, access_token: grant.accessToken, refresh_token: grant.refreshToken };
  });

  app.register(
    async (api) => {
      api.addHook('onRequest', async (req, reply) => {
        const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
        const credential = match ? credentials.authenticate(match[1]) : undefined;
        if (!credential) return reply.code(401).header('www-authenticate', 'Bearer').send({ message: 'Unauthenticated.' });
        const permission = req.routeOptions.config.permission;
        if (permission && !credential.permissions.includes(permission)) return reply.code(403).send({ message: 'This action is unauthorized.' });
        req.resellCredential = credential;
      });

      // ---- API credentials (assumed: the docs name the page, not the API) ----
      api.get('/api-credentials/current', { config: { operation: 'getCurrentCredential' } }, async (req) => one(renderCredential(req.resellCredential!)));
      api.post<{ Params: Params }>('/api-credentials/:id/rotate', { config: { operation: 'rotateCredential' } }, async (req) => {
        const body = parse(z.object({ expires_at: z.iso.datetime({ offset: true }) }), req.body);
        const credential = req.resellCredential!;
        // A credential may rotate itself only; managing others is the dashboard's job.
        if (req.params.id !== credential.id) throw new PlatformError(403, 'This action is unauthorized.');
        const expiresAt = Date.parse(body.expires_at);
        if (expiresAt <= platform.now()) throw invalid('expires_at', 'The expires at must be a date after now.');
        if (expiresAt > platform.now() + 366 * 86_400_000) throw invalid('expires_at', 'The expires at must be within one year.');
        const rotated = credentials.rotate(credential, expiresAt);
        platform.log('api_credential.rotated', rotated.id);
        return one({ ...renderCredential(rotated), client_secret: rotated.secret });
      });

      // ---- packages ----
      api.get('/packages', { config: { operation: 'listPackages', permission: 'read-packages' } }, async (req) =>
        list(req, [...platform.packages.values()].map((p) => ({ object: 'ServicePackage', ...omit(p, ['features']) })), ['name', 'service_type', 'status']),
      );

      // ---- customers ----
      api.get('/customers', { config: { operation: 'listCustomers', permission: 'read-customers' } }, async (req) => list(req, [...platform.customers.values()].map(renderCustomer), ['email', 'external_id', 'status', 'customer_key']));
      api.get<{ Params: Params }>('/customers/:id', { config: { operation: 'getCustomer', permission: 'read-customers' } }, async (req) => one(renderCustomer(find(platform.customers, req.params.id))));
      api.post('/customers', { config: { operation: 'createCustomer', permission: 'create-customers' } }, async (req, reply) => {
        const body = parse(customerCreate, req.body);
        if ([...platform.customers.values()].some((c) => c.email.toLowerCase() === body.email.toLowerCase())) throw invalid('email', 'The email has already been taken.');
        const ids = platform.ids();
        const customer: Customer = {
          ...ids,
          external_id: body.external_id ?? null,
          tenant_id: null,
          customer_key: ids.id.slice(0, 8).toLowerCase(),
          customer_prefix: body.customer_prefix ?? null,
          status: body.status ?? 'active',
          email: body.email,
          first_name: body.first_name,
          last_name: body.last_name,
          company_name: body.company_name ?? null,
          customer_type: body.customer_type,
          hostname: null,
          subdomain: body.subdomain ?? `${slugify(body.company_name ?? `${body.first_name} ${body.last_name}`)}-${ids.id.slice(0, 4).toLowerCase()}`,
          country: body.country,
          currency: body.currency,
          delinquent: false,
          allowed_domains_origins: [],
          allowed_domains_registration: [],
          customer_settings: body.language === undefined ? {} : { language: body.language },
          customer_metadata: body.customer_metadata ?? {},
          ...platform.stamp(),
          users: [],
        };
        // The customer's owner is the user with the customer's e-mail: an existing one is associated, else one is created.
        const owner = platform.ensureUser({ email: body.email, first_name: body.first_name, last_name: body.last_name });
        platform.associate(customer, owner.id, [], true);
        platform.customers.set(customer.id, customer);
        platform.log('customer.created', customer.id);
        return reply.code(201).send(one(renderCustomer(customer)));
      });
      api.patch<{ Params: Params }>('/customers/:id', { config: { operation: 'updateCustomer', permission: 'update-customers' } }, async (req) => {
        const customer = find(platform.customers, req.params.id);
        Object.assign(customer, parse(customerUpdate, req.body));
        platform.log('customer.updated', customer.id);
        return one(renderCustomer(platform.touch(customer)));
      });
      api.delete<{ Params: Params }>('/customers/:id', { config: { operation: 'deleteCustomer', permission: 'delete-customers' } }, async (req, reply) => {
        const customer = find(platform.customers, req.params.id);
        if (customer.status !== 'terminated') throw new PlatformError(409, 'Only customers with status terminated can be deleted.');
        for (const s of [...platform.subscriptions.values()].filter((s) => s.subscriber_id === customer.id)) deleteSubscription(platform, s);
        platform.customers.delete(customer.id);
        platform.log('customer.deleted', customer.id);
        return reply.code(204).send();
      });
      api.get<{ Params: Params }>('/customers/:id/users', { config: { operation: 'listCustomerUsers', permission: 'read-customers' } }, async (req) => list(req, associations(platform, find(platform.customers, req.params.id)), []));
      api.post<{ Params: Params }>('/customers/:id/users', { config: { operation: 'associateCustomerUser', permission: 'update-customers' } }, async (req) => {
        const customer = find(platform.customers, req.params.id);
        const body = parse(association, req.body);
        const user = find(platform.users, body.user_id, 'user_id');
        platform.associate(platform.touch(customer), user.id, body.permissions, body.owner);
        return list(req, associations(platform, customer), []);
      });

      // ---- users ----
      api.get('/users', { config: { operation: 'listUsers', permission: 'read-users' } }, async (req) => list(req, [...platform.users.values()].map(renderUser), ['email']));
      api.get<{ Params: Params }>('/users/:id', { config: { operation: 'getUser', permission: 'read-users' } }, async (req) => one(renderUser(find(platform.users, req.params.id))));
      api.post('/users', { config: { operation: 'createUser', permission: 'create-users' } }, async (req, reply) => {
        const body = parse(userCreate, req.body);
        if (platform.userByEmail(body.email)) throw invalid('email', 'The email has already been taken.');
        return reply.code(201).send(one(renderUser(platform.ensureUser(body))));
      });

      // ---- subscriptions ----
      api.get('/subscriptions', { config: { operation: 'listSubscriptions', permission: 'read-subscriptions' } }, async (req) =>
        list(req, [...platform.subscriptions.values()].map(renderSubscription), ['subscriber_id', 'package_id', 'status']),
      );
      api.get<{ Params: Params }>('/subscriptions/:id', { config: { operation: 'getSubscription', permission: 'read-subscriptions' } }, async (req) => one(renderSubscription(find(platform.subscriptions, req.params.id))));
      api.post('/subscriptions', { config: { operation: 'createSubscription', permission: 'create-subscriptions' } }, async (req, reply) => {
        const body = parse(subscriptionCreate, req.body);
        const pkg = find(platform.packages, body.package_id, 'package_id');
        const customer = find(platform.customers, body.subscriber_id, 'subscriber_id');
        if (customer.status !== 'active') throw invalid('subscriber_id', `The customer is ${customer.status}.`);
        const ids = platform.ids();
        const subscription: Subscription = {
          ...ids,
          tag: ids.id.slice(0, 8).toLowerCase(),
          name: body.name ?? `${pkg.name} #${platform.subscriptions.size + 1}`,
          description: body.description ?? '',
          package_id: pkg.id,
          subscriber_id: customer.id,
          service_type: pkg.service_type,
          status: 'active',
          is_active: true,
          starts_at: new Date(platform.now()).toISOString(),
          ends_at: null,
          price: pkg.price,
          currency: pkg.currency,
          subscription_metadata: body.subscription_metadata ?? {},
          features: pkg.features.map((f) => ({ ...f })),
          ...platform.stamp(),
        };
        platform.subscriptions.set(subscription.id, subscription);
        platform.log('subscription.created', subscription.id);
        return reply.code(201).send(one(renderSubscription(subscription)));
      });
      api.patch<{ Params: Params }>('/subscriptions/:id', { config: { operation: 'updateSubscription', permission: 'update-subscriptions' } }, async (req) => {
        const subscription = find(platform.subscriptions, req.params.id);
        const body = parse(subscriptionUpdate, req.body);
        Object.assign(subscription, body);
        if (body.status !== undefined) subscription.is_active = body.status === 'active';
        platform.log('subscription.updated', subscription.id);
        return one(renderSubscription(platform.touch(subscription)));
      });
      api.delete<{ Params: Params }>('/subscriptions/:id', { config: { operation: 'deleteSubscription', permission: 'delete-subscriptions' } }, async (req, reply) => {
        const subscription = find(platform.subscriptions, req.params.id);
        if (subscription.status !== 'inactive') throw new PlatformError(409, 'Only subscriptions with status inactive can be deleted.');
        deleteSubscription(platform, subscription);
        return reply.code(204).send();
      });

      // ---- accounts ----
      api.get('/accounts', { config: { operation: 'listAccounts', permission: 'read-accounts' } }, async (req) =>
        list(req, [...platform.accounts.values()].map(renderAccount), ['account_key', 'subscriber_id', 'subscription_id', 'status']),
      );
      api.get<{ Params: Params }>('/accounts/:id', { config: { operation: 'getAccount', permission: 'read-accounts' } }, async (req) => one(renderAccount(find(platform.accounts, req.params.id))));
      api.post('/accounts', { config: { operation: 'createAccount', permission: 'create-accounts' } }, async (req, reply) => {
        const body = parse(accountCreate, req.body);
        const subscription = find(platform.subscriptions, body.subscription_id, 'subscription_id');
        if (subscription.status !== 'active') throw invalid('subscription_id', `The subscription is ${subscription.status}.`);
        const key = body.account_key ?? slugify(body.account_name);
        if ([...platform.accounts.values()].some((a) => a.account_key === key)) throw invalid('account_key', 'The account key has already been taken.');
        const customer = find(platform.customers, subscription.subscriber_id);
        const ids = platform.ids();
        const account: Account = {
          ...ids,
          account_name: body.account_name,
          account_key: key,
          tag: ids.id.slice(0, 8).toLowerCase(),
          code: ids.id.slice(8, 14).toUpperCase(),
          subscriber_id: customer.id,
          subscription_id: subscription.id,
          status: 'active',
          account_settings: {},
          account_metadata: body.account_metadata ?? {},
          ...platform.stamp(),
          users: [],
        };
        // By default the account's owner is the customer's owner user.
        const owner = customer.users.find((a) => a.owner);
        if (owner) platform.associate(account, owner.user_id, [], true);
        platform.accounts.set(account.id, account);
        platform.log('account.created', account.id);
        return reply.code(201).send(one(renderAccount(account)));
      });
      api.patch<{ Params: Params }>('/accounts/:id', { config: { operation: 'updateAccount', permission: 'update-accounts' } }, async (req) => {
        const account = find(platform.accounts, req.params.id);
        const body = parse(accountUpdate, req.body);
        const previous = account.status;
        Object.assign(account, body);
        platform.log(body.status !== undefined && body.status !== previous ? `account.${body.status}` : 'account.updated', account.id);
        return one(renderAccount(platform.touch(account)));
      });
      api.delete<{ Params: Params }>('/accounts/:id', { config: { operation: 'deleteAccount', permission: 'delete-accounts' } }, async (req, reply) => {
        const account = find(platform.accounts, req.params.id);
        if (account.status !== 'inactive') throw new PlatformError(409, 'Only accounts with status inactive can be deleted.');
        deleteAccount(platform, account);
        return reply.code(204).send();
      });
      api.get<{ Params: Params }>('/accounts/:id/users', { config: { operation: 'listAccountUsers', permission: 'read-accounts' } }, async (req) => list(req, associations(platform, find(platform.accounts, req.params.id)), []));
      api.post<{ Params: Params }>('/accounts/:id/users', { config: { operation: 'associateAccountUser', permission: 'update-accounts' } }, async (req) => {
        const account = find(platform.accounts, req.params.id);
        const body = parse(association, req.body);
        const user = find(platform.users, body.user_id, 'user_id');
        platform.associate(platform.touch(account), user.id, body.permissions, body.owner);
        platform.log('account.user_associated', account.id);
        return list(req, associations(platform, account), []);
      });

      // ---- rooms ----
      api.get('/rooms', { config: { operation: 'listRooms', permission: 'read-rooms' } }, async (req) => list(req, [...platform.rooms.values()].map(renderRoom), ['account_id', 'customer_id', 'subscription_id', 'status']));
      api.get<{ Params: Params }>('/rooms/:id', { config: { operation: 'getRoom', permission: 'read-rooms' } }, async (req) => one(renderRoom(find(platform.rooms, req.params.id))));
      api.post('/rooms', { config: { operation: 'createRoom', permission: 'create-rooms' } }, async (req, reply) => {
        const body = parse(roomCreate, req.body);
        const account = find(platform.accounts, body.account_id, 'account_id');
        if (account.status !== 'active') throw invalid('account_id', `The account is ${account.status}.`);
        const subscription = find(platform.subscriptions, account.subscription_id);
        const limit = platform.feature(subscription, 'max_rooms');
        const used = [...platform.rooms.values()].filter((r) => r.subscription_id === subscription.id).length;
        if (limit !== undefined && used >= limit) throw invalid('account_id', `The subscription allows ${limit} room(s) (max_rooms) and has ${used}.`);
        const ids = platform.ids();
        const slug = body.slug ?? slugify(body.room_name);
        const room: Room = {
          ...ids,
          customer_id: account.subscriber_id,
          account_id: account.id,
          subscription_id: subscription.id,
          room_name: body.room_name,
          status: 'active',
          is_public: body.is_public,
          // The room type follows the subscription's service package; it cannot be chosen or changed.
          room_type: subscription.service_type,
          slug,
          url: `${platform.publicUrl}/rooms/${ids.id}/${slug}`,
          room_features: body.room_features ?? {},
          room_settings: body.room_settings ?? {},
          room_metadata: body.room_metadata ?? {},
          ...platform.stamp(),
          users: account.users.filter((a) => a.owner).map((a) => ({ ...a })),
        };
        platform.rooms.set(room.id, room);
        platform.log('room.created', room.id);
        return reply.code(201).send(one(renderRoom(room)));
      });
      api.patch<{ Params: Params }>('/rooms/:id', { config: { operation: 'updateRoom', permission: 'update-rooms' } }, async (req) => {
        const room = find(platform.rooms, req.params.id);
        const body = parse(roomUpdate, req.body);
        Object.assign(room, body);
        room.url = `${platform.publicUrl}/rooms/${room.id}/${room.slug}`;
        platform.log('room.updated', room.id);
        return one(renderRoom(platform.touch(room)));
      });
      api.delete<{ Params: Params }>('/rooms/:id', { config: { operation: 'deleteRoom', permission: 'delete-rooms' } }, async (req, reply) => {
        const room = find(platform.rooms, req.params.id);
        platform.rooms.delete(room.id);
        platform.log('room.deleted', room.id);
        return reply.code(204).send();
      });
    },
    { prefix: '/api/v1' },
  );
}

function deleteAccount(platform: ResellPlatform, account: Account): void {
  for (const room of [...platform.rooms.values()].filter((r) => r.account_id === account.id)) platform.rooms.delete(room.id);
  platform.accounts.delete(account.id);
  platform.log('account.deleted', account.id);
}

/** Deleting a subscription deletes its accounts and rooms (documented). */
function deleteSubscription(platform: ResellPlatform, subscription: Subscription): void {
  for (const account of [...platform.accounts.values()].filter((a) => a.subscription_id === subscription.id)) deleteAccount(platform, account);
  platform.subscriptions.delete(subscription.id);
  platform.log('subscription.deleted', subscription.id);
}

function parse<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const errors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) (errors[issue.path.join('.') || 'body'] ??= []).push(issue.message);
  throw new PlatformError(422, 'The given data was invalid.', errors);
}

function find<T>(map: Map<string, T>, id: string, field?: string): T {
  const found = map.get(id);
  if (found === undefined) throw field ? invalid(field, `The selected ${field.replace(/_/g, ' ')} is invalid.`) : notFound();
  return found;
}

const one = (data: unknown) => ({ data, meta: { include: [], custom: [] } });

/** `?search=field:value;field2:value2` (exact, on the listed fields) or `?search=term` (any listed field contains it), then `limit` (0 = all) and `page`. */
function list(req: FastifyRequest, items: Record<string, unknown>[], searchable: string[]) {
  const q = req.query as { search?: string; limit?: string; page?: string; orderBy?: string; sortedBy?: string };
  let rows = items;
  if (q.search) {
    const terms = q.search.split(';').map((t) => t.split(':'));
    rows = rows.filter((row) =>
      terms.every(([field, ...rest]) => {
        if (rest.length === 0) return searchable.some((f) => String(row[f] ?? '').toLowerCase().includes(field.toLowerCase()));
        if (!searchable.includes(field)) return true;
        return String(row[field] ?? '').toLowerCase() === rest.join(':').toLowerCase();
      }),
    );
  }
  if (q.orderBy) {
    const key = q.orderBy;
    const dir = q.sortedBy === 'desc' ? -1 : 1;
    rows = [...rows].sort((a, b) => (String(a[key] ?? '') < String(b[key] ?? '') ? -dir : String(a[key] ?? '') > String(b[key] ?? '') ? dir : 0));
  }
  const limit = q.limit === undefined ? 10 : Math.max(0, Number(q.limit) || 0);
  const page = Math.max(1, Number(q.page) || 1);
  const perPage = limit === 0 ? Math.max(rows.length, 1) : limit;
  const data = rows.slice((page - 1) * perPage, page * perPage);
  const totalPages = Math.max(1, Math.ceil(rows.length / perPage));
  return {
    data,
    meta: {
      include: [],
      custom: [],
      pagination: { total: rows.length, count: data.length, per_page: perPage, current_page: page, total_pages: totalPages, links: page < totalPages ? { next: `?page=${page + 1}` } : {} },
    },
  };
}

function omit<T extends object, K extends keyof T>(value: T, keys: K[]): Omit<T, K> {
  const copy = { ...value };
  for (const k of keys) delete copy[k];
  return copy;
}

const renderCustomer = (c: Customer) => ({ object: 'Customer', ...omit(c, ['users']) });
const renderUser = (u: User) => ({ object: 'User', ...u });
const renderSubscription = (s: Subscription) => ({ object: 'ServicePackageSubscription', ...omit(s, ['features']) });
const renderAccount = (a: Account) => ({ object: 'Account', ...omit(a, ['users']) });
const renderRoom = (r: Room) => ({ object: 'Room', ...omit(r, ['users']) });

function renderCredential(c: ApiCredential) {
  return {
    object: 'ApiCredential',
    id: c.id,
    name: c.name,
    description: c.description ?? null,
    permissions: c.permissions,
    expires_at: new Date(c.expiresAt).toISOString(),
    created_at: new Date(c.createdAt).toISOString(),
    updated_at: new Date(c.updatedAt).toISOString(),
  };
}

function associations(platform: ResellPlatform, entity: { users: Association[] }) {
  return entity.users.map((a) => ({ ...renderUser(platform.users.get(a.user_id)!), owner: a.owner, permissions: a.permissions }));
}

