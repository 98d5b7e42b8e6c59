/**
 * PageContext / query → LookupResult. Answers from the IndexedDB cache; on a miss or a stale entry
 * asks the API through the domain batcher (coalesced GET /accounts?domains=[…]). Stale entries are
 * answered at once (stale: true) and `onFresher` receives the refreshed result later.
 */
import { normalizeApiDomain } from '../recotap/domain';
import type { PinnedMatch } from '../settings';
import type { ErrorView, LookupResult, MatchReason, PageContext } from '../view-models';
import { createDomainBatcher } from './batcher';
import type { ApiAccountRow } from './db';
import { slugToNameKey } from './normalize';
import { signalsFromContext, signalsFromQuery, type Signals } from './signals';
import type { AccountStore, DomainMatch } from './store';
import { FALLBACK_STAGES, toAccountView, type FieldDefinition } from './view';

/** The part of the Recotap client the resolver needs. */
export interface LookupClient {
  getAccountsByDomains(domains: string[], opts?: { signal?: AbortSignal }): Promise<ApiAccountRow[]>;
  /** custom-field definitions (labels); sync caches them too, but a lookup may come first */
  listCustomFields?(): Promise<{ key: string; label: string }[]>;
}

/** Unknown field keys re-read the definitions at most this often (a key may belong to an inactive field). */
export const FIELD_DEFS_RETRY_MS = 5 * 60_000;

export interface ResolverSettings {
  ttlMs: number;
  negativeTtlMs: number;
  repEmail: string;
  pinned: Record<string, PinnedMatch>;
}

export interface ResolverDeps {
  store: AccountStore;
  /** null when no API key is configured */
  getClient: () => Promise<LookupClient | null>;
  getSettings: () => Promise<ResolverSettings>;
  toErrorView: (err: unknown) => ErrorView;
  /** the API answered 401 to a lookup: the key was rotated (sets needsNewKey) */
  onUnauthorized?: () => void;
  now?: () => number;
  batchWindowMs?: number;
}

export interface LookupOptions {
  /** called once when a stale answer has been refreshed (or the refresh failed) */
  onFresher?: (result: LookupResult) => void;
}

type Hit = { match: DomainMatch; reason: MatchReason };

class NotConfiguredError extends Error {}

/** Create the resolver (one per service-worker lifetime; state lives in IndexedDB). */
export function createResolver(deps: ResolverDeps) {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const batcher = createDomainBatcher<ApiAccountRow>(async (domains) => {
    const client = await deps.getClient();
    if (!client) throw new NotConfiguredError('No API key');
    const rows = await client.getAccountsByDomains(domains).catch((err: unknown) => {
      if ((err as { kind?: unknown } | null)?.kind === 'unauthorized') deps.onUnauthorized?.();
      throw err;
    });
    const at = now();
    await store.putAccounts(rows, at);
    const found = new Set(rows.map((r) => normalizeApiDomain(r.domain)));
    await store.putNegative(domains.filter((d) => !found.has(d)), at);
    return rows;
  }, deps.batchWindowMs ?? 25);

  let defsInflight: Promise<FieldDefinition[] | undefined> | null = null;
  let defsTriedAt = -Infinity;

  /**
   * Labels for a row's custom fields. Sync caches the definitions only after a full page loop, so a
   * lookup before the first sync (or after a field was created) would show raw keys (TIER_C): when a
   * key is unlabelled and the cache is missing or older than FIELD_DEFS_RETRY_MS, fetch them once.
   */
  async function fieldDefinitions(row: ApiAccountRow): Promise<FieldDefinition[] | undefined> {
    const cached = await store.getMeta<FieldDefinition[]>('customFields');
    const known = new Set((cached?.value ?? []).map((d) => d.key));
    const keys = Object.entries(row.customFields ?? {}).filter(([, v]) => v != null).map(([k]) => k);
    if (keys.every((k) => known.has(k))) return cached?.value;
    const t = now();
    if ((cached && t - cached.fetchedAt < FIELD_DEFS_RETRY_MS) || t - defsTriedAt < FIELD_DEFS_RETRY_MS) return cached?.value;
    defsInflight ??= (async () => {
      defsTriedAt = t;
      const client = await deps.getClient();
      if (!client?.listCustomFields) return cached?.value;
      const defs = (await client.listCustomFields()).map((f) => ({ key: f.key, label: f.label || f.key }));
      await store.putMeta('customFields', defs, now());
      return defs;
    })()
      .catch(() => cached?.value) // labels are cosmetic: answer with raw keys rather than fail
      .finally(() => {
        defsInflight = null;
      });
    return defsInflight;
  }

  async function found(hit: Hit, stale: boolean, refreshError: ErrorView | null): Promise<LookupResult> {
    const { winner, alternates } = hit.match;
    const [lastSeen, defs, stages] = await Promise.all([
      store.getLastSeen(winner.rtpAid),
      fieldDefinitions(winner.row),
      store.getMeta<string[]>('stages'),
    ]);
    const account = toAccountView(winner, { alternates, lastSeen, fieldDefinitions: defs });
    const stageList = stages?.value?.length ? stages.value : FALLBACK_STAGES;
    return { state: 'found', account, matchedBy: hit.reason, stale, refreshError, stages: stageList };
  }

  async function pinnedHit(signals: Signals, settings: ResolverSettings): Promise<Hit | null> {
    const pin = signals.pinKeys.map((k) => settings.pinned[k]).find(Boolean);
    if (!pin) return null;
    let account = await store.getById(pin.rtpAid);
    if (!account) {
      // not cached (e.g. after clearLocalData): fetch by the pinned domain; a stale copy revalidates later
      await batcher.get(pin.domain).catch(() => undefined);
      account = await store.getById(pin.rtpAid);
    }
    return account ? { match: { winner: account, alternates: [] }, reason: 'pinned' } : null;
  }

  async function nameHit(signals: Signals): Promise<Hit | null> {
    if (signals.linkedinSlug) {
      const bySlug =
        (await store.getByLinkedinSlug(signals.linkedinSlug)) ?? (await store.getByName(slugToNameKey(signals.linkedinSlug)));
      if (bySlug) return { match: bySlug, reason: 'linkedin' };
    }
    if (signals.companyName) {
      const byName = await store.getByName(signals.companyName);
      if (byName) return { match: byName, reason: 'name' };
    }
    return null;
  }

  /** First decisive domain: a cached hit, or a domain we know nothing fresh about ('unknown'). */
  async function scanDomains(signals: Signals, settings: ResolverSettings) {
    const unknown: string[] = [];
    for (const s of signals.domains) {
      const match = await store.getByDomain(s.domain);
      if (match) return { hit: { match, reason: s.reason } as Hit, unknown };
      const checkedAt = await store.getNegative(s.domain);
      if (checkedAt === undefined || now() - checkedAt >= settings.negativeTtlMs) unknown.push(s.domain);
    }
    return { hit: null, unknown };
  }

  async function resolve(signals: Signals, opts: LookupOptions & { revalidate?: boolean }): Promise<LookupResult> {
    if (!(await deps.getClient())) return { state: 'not-configured' };
    if (!signals.domains.length && !signals.linkedinSlug && !signals.companyName && !signals.pinKeys.length) {
      return { state: 'no-signal' };
    }
    const settings = await deps.getSettings();
    let hit = await pinnedHit(signals, settings);
    // Nothing read from the page (only its record id): a pin for the record answers, else nothing
    // can: never look up nothing and call the empty answer "not in Recotap" (docs/detection.md).
    if (!hit && !signals.domains.length && !signals.linkedinSlug && !signals.companyName) return { state: 'no-signal' };
    let refreshError: ErrorView | null = null;
    if (!hit) {
      const first = await scanDomains(signals, settings);
      hit = first.hit;
      if (first.unknown.length) {
        // Something stronger than (or instead of) the cached hit is unknown: ask the API first.
        const asked = [...first.unknown];
        if (hit && now() - hit.match.winner.fetchedAt >= settings.ttlMs) asked.push(hit.match.winner.domain);
        const settled = await Promise.allSettled(asked.map((d) => batcher.get(d)));
        const failure = settled.find((r) => r.status === 'rejected');
        if (failure?.reason instanceof NotConfiguredError) return { state: 'not-configured' };
        const again = await scanDomains(signals, settings);
        hit = again.hit ?? hit;
        if (failure) {
          if (!hit) return { state: 'error', error: deps.toErrorView(failure.reason) };
          refreshError = deps.toErrorView(failure.reason);
        }
      }
    }
    hit ??= await nameHit(signals);
    if (!hit) {
      return { state: 'not-found', domain: signals.domains[0]?.domain ?? null, companyName: signals.companyName };
    }
    const stale = refreshError !== null || now() - hit.match.winner.fetchedAt >= settings.ttlMs;
    if (stale && !refreshError && opts.revalidate !== false) revalidate(hit, signals, opts);
    return found(hit, stale, refreshError);
  }

  /** Stale-while-revalidate: refresh in the background, then push the fresher answer. */
  function revalidate(hit: Hit, signals: Signals, opts: LookupOptions): void {
    void batcher
      .get(hit.match.winner.domain)
      .then(async () => opts.onFresher?.(await resolve(signals, { revalidate: false })))
      .catch(async (err: unknown) => opts.onFresher?.(await found(hit, true, deps.toErrorView(err))))
      .catch(() => undefined);
  }

  return {
    /** Resolve a page context (content script / side panel). */
    async lookupContext(ctx: PageContext, opts: LookupOptions = {}): Promise<LookupResult> {
      const { repEmail } = await deps.getSettings();
      return resolve(signalsFromContext(ctx, repEmail), opts);
    },
    /** Resolve what the rep typed (popup, context menu). */
    async lookupQuery(query: string, opts: LookupOptions = {}): Promise<LookupResult> {
      const { repEmail } = await deps.getSettings();
      return resolve(signalsFromQuery(query, repEmail), opts);
    },
    /** Send pending batched lookups now. */
    flush: () => batcher.flush(),
  };
}

export type Resolver = ReturnType<typeof createResolver>;
