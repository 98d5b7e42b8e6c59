/**
 * Synthetic accounts for benchmarks and pagination tests: N rows (N up to 200,000 and beyond) in
 * well under a second, deterministic for a seed. Ids are generated in ascending order, so the
 * store's sort is a no-op pass.
 */
import { JOURNEY_STAGES, STAGE_SCORES } from './catalog.ts';
import { createPrng } from './prng.ts';
import type { StoredAccount } from './types.ts';

const WORDS = ['acme', 'apex', 'atlas', 'beacon', 'bolt', 'cedar', 'cipher', 'delta', 'ember', 'flux', 'forge', 'halo', 'harbor', 'iris',
  'kite', 'lattice', 'lumen', 'maple', 'nova', 'onyx', 'orbit', 'pixel', 'prism', 'quartz', 'rally', 'sable', 'spruce', 'terra', 'vega', 'zenith'];
const KINDS = ['Labs', 'Systems', 'Health', 'Cloud', 'Logistics', 'Capital', 'Retail', 'Works'];
const CAPS = WORDS.map((w) => w.charAt(0).toUpperCase() + w.slice(1));

/** Generates `count` synthetic accounts; account i has domain `<word><word>-<i>.example.com`. */
export function syntheticAccounts(count: number, baseTime: number, seed = 'synthetic'): StoredAccount[] {
  const prng = createPrng(seed);
  const prefix = Math.floor((baseTime - 400 * 86_400_000) / 1000).toString(16).padStart(8, '0').slice(-8);
  const out: StoredAccount[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const w1 = Math.floor(prng.next() * WORDS.length);
    const w2 = Math.floor(prng.next() * WORDS.length);
    const stageIdx = Math.floor(prng.next() * 6) - 1;
    const stage = stageIdx < 0 ? '' : (JOURNEY_STAGES[stageIdx] as (typeof JOURNEY_STAGES)[number]);
    const [lo, hi] = stage === '' ? [0, 0] : STAGE_SCORES[stage];
    const score = lo + Math.floor(prng.next() * (hi - lo + 1));
    const tail = Math.floor(prng.next() * 0x1000000).toString(16).padStart(6, '0');
    // one object shape for every row (externalId undefined rather than absent) keeps generation fast
    out[i] = {
      // 8 hex time prefix + 10 hex of i (ascending) + 6 random hex
      rtp_aid: prefix + i.toString(16).padStart(10, '0') + tail,
      name: `${CAPS[w1]} ${CAPS[w2]} ${KINDS[i % KINDS.length]} ${i}`,
      domain: `${WORDS[w1]}${WORDS[w2]}-${i}.example.com`,
      externalId: i % 3 === 0 ? undefined : `ext-${i}`,
      rtp_account_score: score,
      rtp_journey_stage: stage,
      rtp_advertising_activity_score: Math.floor(score * 0.6),
      rtp_website_intent_score: Math.floor(score * 0.7),
      rtp_g2_intent_score: Math.floor(score * 0.3),
      rtp_bombora_intent_score: Math.floor(score * 0.4),
      updatedAt: baseTime - Math.floor(prng.next() * 30 * 86_400_000),
    };
  }
  return out;
}
