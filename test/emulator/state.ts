/**
 * The emulator's whole in-memory state plus the controls tests use on it (reset, rescore,
 * setAccount). Time goes through one clock so the lastSync filter is exact: every bump is strictly
 * after the latest syncTimestamp handed out, so a delta sync never misses a change made in the
 * same millisecond as the previous sync.
 */
import { JOURNEY_STAGES, SEGMENTS, seedCustomFields } from './catalog.ts';
import { createPrng } from './prng.ts';
import { demoAccounts } from './seed-demo.ts';
import { syntheticAccounts } from './seed-synthetic.ts';
import { createAccountStore } from './store.ts';
import type { CustomFieldDef, EmulatorOptions, Pipeline, Received, SeedSpec, SegmentDef, StoredAccount } from './types.ts';

export const DEFAULT_BASE_TIME = Date.parse('2026-11-20T06:00:00.000Z');

export interface RescoreOptions {
  count?: number;
  fraction?: number;
  seed?: string | number;
}

/** Journey stage that matches a score (used when rescoring). */
function stageFor(score: number): string {
  if (score < 25) return 'Unaware';
  if (score < 45) return 'Aware';
  if (score < 65) return 'Consideration';
  if (score < 80) return 'Opportunity';
  return 'Customer';
}

/** Builds the state for the given options; `reset()` reloads the seed. */
export function createState(options: EmulatorOptions = {}) {
  const now = options.now ?? Date.now;
  const baseTime = options.baseTime ?? DEFAULT_BASE_TIME;
  const store = createAccountStore();
  let seed: SeedSpec = options.seed ?? 'demo';
  let customFields: CustomFieldDef[] = [];
  let segments: SegmentDef[] = [];
  const deals = new Map<string, Received>();
  const activities = new Map<string, Received>();
  const pipelines = new Map<string, Pipeline>();
  let lastSyncIssued = 0;
  let idPrng = createPrng('ids');
  let idCounter = 0;
  let rescoreRuns = 0;

  const state = {
    store,
    get customFields() { return customFields; },
    get segments() { return segments; },
    deals,
    activities,
    pipelines,
    journeyStages: [...JOURNEY_STAGES] as string[],
    now,

    /** A syncTimestamp: the server time of an accounts page. */
    issueSyncTimestamp(): number {
      const t = now();
      lastSyncIssued = Math.max(lastSyncIssued, t);
      return t;
    },
    /** Time for an update: never at or before a syncTimestamp already handed out. */
    bumpTime(): number {
      return Math.max(now(), lastSyncIssued + 1);
    },
    /** A new ObjectId-looking rtp_aid (creation seconds + counter keeps them ascending). */
    newId(): string {
      idCounter++;
      return Math.floor(now() / 1000).toString(16).padStart(8, '0').slice(-8) + idCounter.toString(16).padStart(6, '0') + idPrng.hex(10);
    },

    /** Reloads a seed (default: the one the emulator was created with); drops received writes. */
    reset(next: SeedSpec = seed): void {
      seed = next;
      customFields = seedCustomFields();
      segments = SEGMENTS.map((s) => ({ ...s }));
      deals.clear();
      activities.clear();
      pipelines.clear();
      idPrng = createPrng('ids');
      idCounter = 0;
      rescoreRuns = 0;
      if (next === 'empty') store.load([]);
      else if (next === 'demo') store.load(demoAccounts(baseTime));
      else store.load(syntheticAccounts(next.synthetic, baseTime, next.seed));
    },

    /** Changes scores/stages of some accounts (deterministic per seed) and bumps them; returns their ids. */
    rescore(opts: RescoreOptions = {}): string[] {
      const all = store.all();
      const n = Math.min(all.length, Math.max(0, Math.round(opts.count ?? (opts.fraction ?? 0.01) * all.length)));
      const prng = createPrng(opts.seed ?? `rescore-${++rescoreRuns}`);
      const picked = new Set<number>();
      if (n > all.length / 2) {
        const idx = Array.from({ length: all.length }, (_, i) => i);
        for (let i = 0; i < n; i++) {
          const j = i + Math.floor(prng.next() * (idx.length - i));
          [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
          picked.add(idx[i] as number);
        }
      } else {
        while (picked.size < n) picked.add(Math.floor(prng.next() * all.length));
      }
      const at = state.bumpTime();
      const changed = [...picked].map((i) => all[i] as StoredAccount);
      for (const a of changed) {
        let score = Math.max(1, a.rtp_account_score + (prng.next() < 0.6 ? 1 : -1) * prng.int(5, 25));
        if (score === a.rtp_account_score) score += 1;
        store.update(a, {
          rtp_account_score: score,
          rtp_journey_stage: stageFor(score),
          rtp_advertising_activity_score: Math.round(score * prng.next()),
          rtp_website_intent_score: Math.round(score * prng.next()),
          rtp_g2_intent_score: Math.round(score * 0.5 * prng.next()),
          rtp_bombora_intent_score: Math.round(score * 0.5 * prng.next()),
          updatedAt: at,
        });
      }
      return changed.map((a) => a.rtp_aid).sort();
    },

    /** Patches one account (bumps its update time unless the patch sets updatedAt); throws if unknown. */
    setAccount(rtpAid: string, patch: Partial<Omit<StoredAccount, 'rtp_aid'>>): StoredAccount {
      const a = store.get(rtpAid);
      if (!a) throw new Error(`no account ${rtpAid}`);
      store.update(a, { ...patch, updatedAt: patch.updatedAt ?? state.bumpTime() });
      return a;
    },

    /** Active custom field by key. */
    activeField(key: string): CustomFieldDef | undefined {
      return customFields.find((f) => f.key === key && f.status === 'active');
    },
  };
  state.reset(seed);
  return state;
}
export type EmulatorState = ReturnType<typeof createState>;
