/** Shared helpers for account-cache tests: a fresh fake-indexeddb database and API-shaped rows. */
import 'fake-indexeddb/auto';
import { openAccountsDb, type ApiAccountRow } from '../../../utils/accounts/db';
import { createAccountStore } from '../../../utils/accounts/store';

let n = 0;

/** A fresh, uniquely named database so tests never share state. */
export async function freshStore() {
  const db = await openAccountsDb(`test-accounts-${Date.now()}-${n++}`);
  return createAccountStore(db);
}

/** An API account row with sensible defaults. */
export function row(over: Partial<ApiAccountRow> & { rtp_aid: string }): ApiAccountRow {
  return {
    name: 'Acme Robotics',
    domain: 'acmerobotics.com',
    rtp_account_score: 50,
    rtp_journey_stage: 'Aware',
    rtp_advertising_activity_score: 1,
    rtp_website_intent_score: 2,
    rtp_g2_intent_score: 3,
    rtp_bombora_intent_score: 4,
    rtp_last_account_date: '2026-06-01T00:00:00.000Z',
    ...over,
  };
}

/** A 24-hex id from a number, like the API's rtp_aid. */
export function aid(i: number): string {
  return i.toString(16).padStart(24, '0');
}
