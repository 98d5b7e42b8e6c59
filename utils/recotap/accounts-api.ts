/**
 * Account endpoints of the client (recotap-api.md §3.1–3.7): listing with keyset pages and the
 * domains filter, bulk create/upsert, custom-field values, external-id backfill, field definitions.
 */
import { z } from 'zod';
import { RecotapError } from './errors';
import { normalizeApiDomain } from './domain';
import { chunk, emptyBulk, resultMerger, sendInChunks, summarizeAccounts, BULK_LIMITS } from './bulk';
import { drainPages, iteratePages } from './paging';
import type { Transport } from './http';
import {
  AccountInputSchema, CreateAccountsOptionsSchema, CustomFieldInputSchema, ExternalIdMappingSchema,
  ListAccountsParamsSchema, UpdateAccountBodySchema, parseInput,
  type AccountInput, type CustomFieldInput, type ExternalIdMapping, type ListAccountsParams,
} from './request-schemas';
import {
  AccountPageSchema, CreateAccountsResponseSchema, CreatedCustomFieldSchema, CustomFieldListSchema,
  MapExternalIdsResultSchema, UnmappedAccountListSchema, UpdateAccountResultSchema,
  type Account, type AccountPage, type MapExternalIdsResult,
} from './schemas';

/** Per-call options shared by every method. */
export interface CallOptions {
  signal?: AbortSignal;
  /** page cap for iterators (defensive, §5 #5) */
  maxPages?: number;
}

/** Normalises domains with the API's rule, drops empties and duplicates, keeps first-seen order. */
export function normalizeDomainList(domains: readonly string[]): string[] {
  return [...new Set(domains.map(normalizeApiDomain).filter((d) => d !== ''))];
}

const EMPTY_PAGE: AccountPage = { data: [], nextCursor: null, hasNextPage: false, syncTimestamp: null };

/** Builds the account-related methods on top of a transport. */
export function createAccountsApi(request: Transport) {
  async function listAccounts(params: ListAccountsParams = {}, opts: CallOptions = {}): Promise<AccountPage> {
    const p = parseInput(ListAccountsParamsSchema, params, 'account query');
    let domains: string | undefined;
    if (p.domains !== undefined) {
      const list = normalizeDomainList(p.domains);
      // filtering to no domains matches nothing: no request needed
      if (list.length === 0) return { ...EMPTY_PAGE };
      if (list.length > BULK_LIMITS.domains) {
        throw new RecotapError('validation', `At most ${BULK_LIMITS.domains} domains can be looked up in one request.`);
      }
      domains = JSON.stringify(list);
    }
    const page = await request({
      method: 'GET', path: '/accounts', query: { lastSync: p.lastSync, limit: p.limit, cursor: p.cursor, domains },
      schema: AccountPageSchema, shape: 'page', retry: 'safe', signal: opts.signal,
    });
    return { data: page.data, nextCursor: page.nextCursor, hasNextPage: page.hasNextPage, syncTimestamp: page.syncTimestamp };
  }

  /** Pages of GET /accounts from params.cursor (or the start) until hasNextPage is false. */
  function iterateAccountPages(params: ListAccountsParams = {}, opts: CallOptions = {}): AsyncGenerator<AccountPage, void, undefined> {
    return iteratePages((cursor) => listAccounts({ ...params, cursor }, opts), { cursor: params.cursor, maxPages: opts.maxPages });
  }

  async function getAccountsByDomains(domains: readonly string[], opts: CallOptions = {}): Promise<Account[]> {
    const rows: Account[] = [];
    for (const part of chunk(normalizeDomainList(domains), BULK_LIMITS.domains)) {
      rows.push(...(await drainPages(iterateAccountPages({ domains: part, limit: 100 }, opts))));
    }
    return rows;
  }

  async function createAccounts(inputs: readonly AccountInput[], opts: { segmentId?: string; upsert?: boolean } & CallOptions = {}) {
    const accounts = parseInput(z.array(AccountInputSchema), inputs, 'account list');
    const { segmentId, upsert } = parseInput(CreateAccountsOptionsSchema, opts, 'account options');
    return sendInChunks(
      accounts, BULK_LIMITS.accounts,
      (part) => request({
        method: 'POST', path: '/accounts', body: { accounts: part, segmentId, upsert },
        schema: CreateAccountsResponseSchema, shape: 'object',
        // without upsert a repeated batch would turn created accounts into "already exists" failures
        retry: upsert === true ? 'safe' : 'unsafe', signal: opts.signal,
      }),
      resultMerger(summarizeAccounts), emptyBulk(summarizeAccounts),
    );
  }

  async function updateAccountCustomFields(rtpAid: string, customFields: Record<string, unknown>, opts: CallOptions = {}) {
    const body = parseInput(UpdateAccountBodySchema, { customFields }, 'custom-field update');
    return request({
      method: 'PUT', path: `/accounts/${encodeURIComponent(rtpAid)}`, body,
      schema: UpdateAccountResultSchema, shape: 'object', retry: 'safe', signal: opts.signal,
    });
  }

  async function listAccountsMissingExternalIds(params: { limit?: number } = {}, opts: CallOptions = {}) {
    return request({
      method: 'GET', path: '/accounts/missing-external-ids', query: { limit: params.limit },
      schema: UnmappedAccountListSchema, shape: 'list', retry: 'safe', signal: opts.signal,
    });
  }

  async function mapExternalIds(mappings: readonly ExternalIdMapping[], opts: CallOptions = {}): Promise<MapExternalIdsResult> {
    const items = parseInput(z.array(ExternalIdMappingSchema), mappings, 'external-id mappings');
    return sendInChunks(
      items, BULK_LIMITS.mappings,
      (part) => request({
        method: 'PATCH', path: '/accounts/external-ids', body: { mappings: part },
        schema: MapExternalIdsResultSchema, shape: 'object', retry: 'safe', signal: opts.signal,
      }),
      (acc, r) => ({ matched: acc.matched + r.matched, updated: acc.updated + r.updated, notFound: [...acc.notFound, ...r.notFound] }),
      { matched: 0, updated: 0, notFound: [] as string[] },
    );
  }

  async function listCustomFields(opts: CallOptions = {}) {
    return request({ method: 'GET', path: '/accounts/custom-fields', schema: CustomFieldListSchema, shape: 'list', retry: 'safe', signal: opts.signal });
  }

  async function createCustomField(input: CustomFieldInput, opts: CallOptions = {}) {
    const body = parseInput(CustomFieldInputSchema, input, 'custom field');
    // not idempotent: a retried create could 409 on our own first attempt
    return request({ method: 'POST', path: '/accounts/custom-field', body, schema: CreatedCustomFieldSchema, shape: 'any', retry: 'unsafe', signal: opts.signal });
  }

  return {
    listAccounts, iterateAccountPages, getAccountsByDomains, createAccounts, updateAccountCustomFields,
    listAccountsMissingExternalIds, mapExternalIds, listCustomFields, createCustomField,
  };
}
