import axios, { AxiosInstance } from 'axios';
import { createVideoResellSimulator, DEFAULT_VIDEO_RESELL_CREDENTIAL } from '../../simulators/video-resell';

/**
 * The simulator against what the platform documents (docs.streamwise.app; no OpenAPI document
 * is public): the attribute tables of Customers, Accounts, Rooms and Subscriptions, the list
 * envelope and query parameters of "API Resources", the 422 body of "Request Validation", the
 * OAuth2 token answer of "API Authentication", and the documented delete preconditions.
 */

const sim = createVideoResellSimulator();
let api: AxiosInstance;

/** Attribute tables of the docs, with the JSON type of each attribute. */
const DOCUMENTED = {
  Customer: {
    uuid: 'string', ulid: 'string', external_id: 'string|null', tenant_id: 'string|null', customer_key: 'string', customer_prefix: 'string|null', status: 'string', email: 'string',
    first_name: 'string', last_name: 'string', company_name: 'string|null', customer_type: 'string', hostname: 'string|null', subdomain: 'string', country: 'string', currency: 'string',
    delinquent: 'boolean', allowed_domains_origins: 'array', allowed_domains_registration: 'array', customer_settings: 'object', customer_metadata: 'object',
  },
  Account: { id: 'string', uuid: 'string', ulid: 'string', account_name: 'string', account_key: 'string', tag: 'string', code: 'string', subscriber_id: 'string', subscription_id: 'string', status: 'string', account_settings: 'object', account_metadata: 'object' },
  Room: {
    object: 'string', id: 'string', uuid: 'string', ulid: 'string', customer_id: 'string', account_id: 'string', subscription_id: 'string', room_name: 'string', status: 'string', is_public: 'boolean',
    room_type: 'string', slug: 'string', url: 'string', room_features: 'object', room_settings: 'object', room_metadata: 'object',
  },
  ServicePackageSubscription: {
    object: 'string', id: 'string', uuid: 'string', ulid: 'string', tag: 'string', name: 'string', description: 'string', package_id: 'string', subscriber_id: 'string', service_type: 'string',
    status: 'string', is_active: 'boolean', starts_at: 'string', ends_at: 'string|null', price: 'number', currency: 'string', created_at: 'string', updated_at: 'string',
  },
} as const;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function expectDocumented(entity: keyof typeof DOCUMENTED, value: Record<string, unknown>): void {
  for (const [attribute, type] of Object.entries(DOCUMENTED[entity])) {
    expect({ attribute, type: type.split('|').includes(typeOf(value[attribute])) ? type : typeOf(value[attribute]) }).toEqual({ attribute, type });
  }
}

beforeAll(async () => {
  await sim.start(0);
});
afterAll(() => sim.stop());
beforeEach(async () => {
  sim.reset();
  const token = await axios.post(`${sim.url}/oauth/token`, { grant_type: 'client_credentials', client_id: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientId, client_secret: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientSecret });
  api = axios.create({ baseURL: `${sim.url}/api/v1`, headers: { Authorization: `Bearer ${token.data.access_token}` }, validateStatus: () => true });
});

it('answers the token request as the OAuth2 section shows it', async () => {
  const answer = await axios.post(`${sim.url}/oauth/token`, { grant_type: 'client_credentials', client_id: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientId, client_secret: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientSecret });
  expect(Object.keys(answer.data).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'token_type']);
  expect(answer.data.token_type).toBe('Bearer');

  const refreshed = await axios.post(`${sim.url}/oauth/token`, { grant_type: 'refresh_token', client_id: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientId, client_secret: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientSecret, refresh_token: answer.data.refresh_token });
  expect(refreshed.data.access_token).not.toBe(answer.data.access_token);
  const reused = await axios.post(`${sim.url}/oauth/token`, { grant_type: 'refresh_token', client_id: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientId, client_secret: DEFAULT_VIDEO_RESELL_CREDENTIAL.clientSecret, refresh_token: answer.data.refresh_token }, { validateStatus: () => true });
  expect(reused.status).toBe(400);
});

it('creates the documented customer, subscription, account and room, with the documented attributes and types', async () => {
  const customer = await api.post('/customers', { customer_type: 'personal', first_name: 'Jo', last_name: 'Doe', email: 'jo@example.com', country: 'US', currency: 'USD' });
  expect(customer.status).toBe(201);
  expectDocumented('Customer', customer.data.data);
  const subscription = await api.post('/subscriptions', { package_id: 'meet-basic', subscriber_id: customer.data.data.id });
  expectDocumented('ServicePackageSubscription', subscription.data.data);
  expect(subscription.data.data).toMatchObject({ object: 'ServicePackageSubscription', service_type: 'meet', status: 'active' });
  const account = await api.post('/accounts', { subscription_id: subscription.data.data.id, account_name: 'My Account', account_key: 'my-account' });
  expectDocumented('Account', account.data.data);
  const room = await api.post('/rooms', { account_id: account.data.data.id, room_name: 'Business Meeting' });
  expectDocumented('Room', room.data.data);
  expect(room.data.data).toMatchObject({ object: 'Room', room_type: 'meet', slug: 'business-meeting', is_public: false, status: 'active', url: `${sim.url}/rooms/${room.data.data.id}/business-meeting` });
  expect(room.data.meta).toEqual({ include: [], custom: [] });
});

it('makes the user with the customer’s e-mail the owner of the customer and, by default, of its accounts', async () => {
  const customer = (await api.post('/customers', { customer_type: 'business', company_name: 'Example Ltd.', first_name: 'Jo', last_name: 'Doe', email: 'jo@example.com', country: 'US', currency: 'USD' })).data.data;
  const subscription = (await api.post('/subscriptions', { package_id: 'meet-basic', subscriber_id: customer.id })).data.data;
  const account = (await api.post('/accounts', { subscription_id: subscription.id, account_name: 'A' })).data.data;

  const customerUsers = (await api.get(`/customers/${customer.id}/users`)).data.data;
  const accountUsers = (await api.get(`/accounts/${account.id}/users`)).data.data;
  expect(customerUsers).toEqual([expect.objectContaining({ email: 'jo@example.com', owner: true })]);
  expect(accountUsers).toEqual([expect.objectContaining({ id: customerUsers[0].id, owner: true })]);
});

it('lists with search, limit and page, and the pagination object in meta', async () => {
  for (const n of [1, 2, 3]) await api.post('/customers', { customer_type: 'personal', first_name: `P${n}`, last_name: 'X', email: `p${n}@example.com`, country: 'DE', currency: 'EUR' });

  const page = await api.get('/customers', { params: { limit: 2, page: 2 } });
  expect(page.data.meta.pagination).toMatchObject({ total: 3, count: 1, per_page: 2, current_page: 2, total_pages: 2 });
  const search = await api.get('/customers', { params: { search: 'email:p2@example.com' } });
  expect(search.data.data.map((c: { email: string }) => c.email)).toEqual(['p2@example.com']);
  expect((await api.get('/customers', { params: { limit: 0 } })).data.data).toHaveLength(3);
});

it('answers invalid input with 422 {message, errors} naming each field', async () => {
  const answer = await api.post('/customers', { customer_type: 'business', first_name: 'Jo', last_name: 'Doe', email: 'not-an-email', country: 'USA', currency: 'USD' });

  expect(answer.status).toBe(422);
  expect(answer.data.message).toBe('The given data was invalid.');
  expect(Object.keys(answer.data.errors).sort()).toEqual(['company_name', 'country', 'email']);
});

it('deletes only inactive accounts and subscriptions and only terminated customers', async () => {
  const customer = (await api.post('/customers', { customer_type: 'personal', first_name: 'Jo', last_name: 'Doe', email: 'jo@example.com', country: 'US', currency: 'USD' })).data.data;
  const subscription = (await api.post('/subscriptions', { package_id: 'meet-basic', subscriber_id: customer.id })).data.data;
  const account = (await api.post('/accounts', { subscription_id: subscription.id, account_name: 'A' })).data.data;

  expect((await api.delete(`/accounts/${account.id}`)).status).toBe(409);
  await api.patch(`/accounts/${account.id}`, { status: 'inactive' });
  expect((await api.delete(`/accounts/${account.id}`)).status).toBe(204);
  expect((await api.delete(`/subscriptions/${subscription.id}`)).status).toBe(409);
  expect((await api.delete(`/customers/${customer.id}`)).status).toBe(409);
  await api.patch(`/customers/${customer.id}`, { status: 'terminated' });
  expect((await api.delete(`/customers/${customer.id}`)).status).toBe(204);
  expect(sim.state()).toMatchObject({ customers: [], subscriptions: [], accounts: [] });
});

it('answers 401 without a valid token and 403 without the permission', async () => {
  expect((await axios.get(`${sim.url}/api/v1/customers`, { validateStatus: () => true })).data).toEqual({ message: 'Unauthenticated.' });
  const narrow = sim.createCredential({ name: 'rooms reader', permissions: ['read-rooms'], expiresAt: Date.now() + 86_400_000 });
  const token = (await axios.post(`${sim.url}/oauth/token`, { grant_type: 'client_credentials', client_id: narrow.clientId, client_secret: narrow.clientSecret })).data.access_token;
  const forbidden = await axios.get(`${sim.url}/api/v1/customers`, { headers: { Authorization: `Bearer ${token}` }, validateStatus: () => true });
  expect({ status: forbidden.status, body: forbidden.data }).toEqual({ status: 403, body: { message: 'This action is unauthorized.' } });
  expect((await axios.get(`${sim.url}/api/v1/rooms`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
});
