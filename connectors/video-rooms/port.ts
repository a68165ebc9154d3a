import { definePort } from '../ports';
/**
 * The port for video-room resell platforms (StreamWise-style): a customer (the billable party,
 * found by e-mail before one is created) owns an account bound to a subscription of a plan
 * (service package); the account has exactly one owner user and the rooms the plan gives.
 * Every call is safe to retry: entities are found by their platform identifiers (customer
 * e-mail, account key derived from externalId, room key in the room's metadata) before any
 * is created, and a repeat of a state change is a no-op.
 */

export interface VideoCustomerInput {
  /** The platform's primary identifier of a customer. */
  email: string;
  type: 'business' | 'personal';
  firstName: string;
  lastName: string;
  /** Required for business customers. */
  companyName?: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** ISO 4217. */
  currency: string;
  /** ISO 639-1. */
  language?: string;
}

export interface VideoCustomer extends VideoCustomerInput {
  id: string;
  status: 'active' | 'inactive' | 'suspended' | 'terminated';
  /** True when subsync created it (and may remove it with its last account). */
  managedBySubsync: boolean;
}

export interface VideoRoomSpec {
  /** Our stable key of the room within the account, e.g. "main". */
  key: string;
  name: string;
  isPublic?: boolean;
  settings?: Record<string, unknown>;
}

export interface VideoRoom {
  id: string;
  /** Absent for rooms subsync does not manage (made by the customer). */
  key?: string;
  name: string;
  slug: string;
  url: string;
  isPublic: boolean;
  status: 'active' | 'inactive';
  type: string;
}

export type VideoAccountStatus = 'active' | 'inactive' | 'suspended' | 'terminated';

export interface VideoAccountView {
  externalId: string;
  customerId: string;
  customerEmail: string;
  accountId: string;
  accountKey: string;
  accountName: string;
  status: VideoAccountStatus;
  subscriptionId: string;
  /** The service package the subscription is of. */
  plan: string;
  owner?: { userId: string; email: string };
  rooms: VideoRoom[];
}

export interface EnsureVideoAccountInput {
  /** The billing side's key of this account (e.g. "lanbilling:42"). */
  externalId: string;
  customer: VideoCustomerInput;
  accountName: string;
  /** The platform's service package id for the billing plan. */
  plan: string;
  /** The account's owner; defaults to the customer's owner user (the customer's e-mail). */
  owner?: { email: string; firstName: string; lastName: string };
  /** Exactly the rooms the plan gives; managed rooms not listed are removed, the customer's own rooms are left alone. */
  rooms: VideoRoomSpec[];
}

export interface VideoRoomsPlatform {
  readonly name: string;
  readonly kind: string;
  /** Link before create, by e-mail. `linked` is true when the customer existed before this call. */
  ensureCustomer(input: VideoCustomerInput): Promise<{ customer: VideoCustomer; linked: boolean }>;
  /** Customer, subscription, account (with owner) and rooms, each found before it is created. */
  ensureAccount(input: EnsureVideoAccountInput): Promise<{ account: VideoAccountView; created: boolean; customerLinked: boolean }>;
  suspendAccount(input: { externalId: string }): Promise<VideoAccountView>;
  resumeAccount(input: { externalId: string }): Promise<VideoAccountView>;
  /** Removes the account and its subscription; a customer subsync created goes with its last account. Missing is fine. */
  removeAccount(input: { externalId: string; customerEmail: string }): Promise<{ removed: boolean; customerRemoved: boolean }>;
  readAccount(input: { externalId: string }): Promise<VideoAccountView | undefined>;
  health(): Promise<void>;
}

export const videoRoomsPort = definePort<VideoRoomsPlatform>('video-rooms', 'video rooms platform');
