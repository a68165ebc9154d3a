import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes operators filter on in the Temporal Web UI, e.g.
 * `SubsyncLogin = "ivanov"` or `SubsyncParked = true`. Registered at start (runtime/search-attributes.ts).
 */
export const SubsyncSubscriber = defineSearchAttributeKey('SubsyncSubscriber', SearchAttributeType.KEYWORD);
export const SubsyncLogin = defineSearchAttributeKey('SubsyncLogin', SearchAttributeType.KEYWORD);
export const SubsyncBilling = defineSearchAttributeKey('SubsyncBilling', SearchAttributeType.KEYWORD);
export const SubsyncPlatforms = defineSearchAttributeKey('SubsyncPlatforms', SearchAttributeType.KEYWORD_LIST);
export const SubsyncStatus = defineSearchAttributeKey('SubsyncStatus', SearchAttributeType.KEYWORD);
export const SubsyncParked = defineSearchAttributeKey('SubsyncParked', SearchAttributeType.BOOL);
export const SubsyncParkedReason = defineSearchAttributeKey('SubsyncParkedReason', SearchAttributeType.TEXT);

export const allSearchAttributes = [SubsyncSubscriber, SubsyncLogin, SubsyncBilling, SubsyncPlatforms, SubsyncStatus, SubsyncParked, SubsyncParkedReason];
