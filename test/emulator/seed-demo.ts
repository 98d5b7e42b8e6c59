/**
 * The 'demo' seed: every DEMO_COMPANIES entry that is in Recotap, with its exact values, plus ~50
 * more realistic companies over all stages and score levels. Deterministic (seeded PRNG).
 */
import { DEMO_COMPANIES } from './demo-companies.ts';
import { JOURNEY_STAGES, STAGE_SCORES, SEGMENTS, segmentIdByName } from './catalog.ts';
import { createPrng, type Prng } from './prng.ts';
import type { StoredAccount } from './types.ts';

const DAY = 86_400_000;
const PREFIXES = ['Blue Harbor', 'Crestline', 'Evergreen', 'Ironclad', 'Lumen', 'Northstar', 'Oakridge', 'Pinnacle', 'Quantum', 'Redwood',
  'Silverline', 'Summit', 'Tidewater', 'Vertex', 'Brightpath', 'Cobalt', 'Driftwood', 'Foxglove', 'Granite', 'Helix', 'Juniper', 'Keystone',
  'Larkspur', 'Meridian', 'Nimbus', 'Orchard', 'Polaris', 'Riverbend', 'Sagebrush', 'Trellis'];
const SUFFIXES = ['Software', 'Labs', 'Health', 'Logistics', 'Analytics', 'Payments', 'Robotics', 'Energy', 'Security', 'Bio', 'Media', 'Capital'];
const TLDS = ['.com', '.com', '.com', '.io', '.ai', '.co', '.de', '.co.uk', '.fr'];
const INDUSTRIES = ['Fintech', 'Healthcare', 'Manufacturing', 'Retail', 'SaaS', 'Logistics', 'Energy'];

/** ObjectId-looking id: creation seconds then random bytes. */
export function objectIdFrom(prng: Prng, atMs: number): string {
  return Math.floor(atMs / 1000).toString(16).padStart(8, '0').slice(-8) + prng.hex(16);
}

function extraCompanies(prng: Prng, baseTime: number, taken: Set<string>): StoredAccount[] {
  const out: StoredAccount[] = [];
  while (out.length < 50) {
    const name = `${prng.pick(PREFIXES)} ${prng.pick(SUFFIXES)}`;
    const domain = name.toLowerCase().replace(/\s+/g, '') + prng.pick(TLDS);
    if (taken.has(domain)) continue;
    taken.add(domain);
    const i = out.length;
    // every 10th is unscored (score 0, stage ''); the rest cycle through all stages
    const stage = i % 10 === 9 ? '' : (JOURNEY_STAGES[i % JOURNEY_STAGES.length] as (typeof JOURNEY_STAGES)[number]);
    const score = stage === '' ? 0 : prng.int(...STAGE_SCORES[stage]);
    const part = (f: number) => (score === 0 ? 0 : Math.round(score * f * prng.next()));
    const created = baseTime - prng.int(60, 900) * DAY;
    const customFields: StoredAccount['customFields'] = {};
    if (prng.next() < 0.5) customFields.TIER_C = prng.pick(['Gold', 'Silver', 'Platinum']);
    if (prng.next() < 0.4) customFields.ARR_C = prng.int(10, 900) * 1000;
    if (prng.next() < 0.3) customFields.RENEWAL_DATE_C = new Date(baseTime + prng.int(10, 400) * DAY).toISOString().slice(0, 10);
    if (prng.next() < 0.5) customFields.INDUSTRY_C = prng.pick(INDUSTRIES);
    const segmentIds = SEGMENTS.filter((s) => s.type === 'static' && prng.next() < 0.15).map((s) => s.segmentId);
    out.push({
      rtp_aid: objectIdFrom(prng, created),
      name,
      domain,
      ...(prng.next() < 0.7 ? { externalId: `crm-${prng.int(1000, 9999)}` } : {}),
      rtp_account_score: score,
      rtp_journey_stage: stage,
      rtp_advertising_activity_score: part(0.8),
      rtp_website_intent_score: part(0.9),
      rtp_g2_intent_score: part(0.5),
      rtp_bombora_intent_score: part(0.6),
      updatedAt: stage === '' ? baseTime - prng.int(1, 48) * 3_600_000 : baseTime - prng.int(1, 30 * 24) * 3_600_000,
      ...(Object.keys(customFields).length ? { customFields } : {}),
      ...(segmentIds.length ? { segmentIds } : {}),
    });
  }
  return out;
}

/** Builds the demo accounts (deterministic for a given baseTime). */
export function demoAccounts(baseTime: number): StoredAccount[] {
  const prng = createPrng('demo');
  const out: StoredAccount[] = [];
  const taken = new Set<string>();
  for (const c of DEMO_COMPANIES) {
    if (c.notInRecotap) continue;
    taken.add(c.domain);
    const created = baseTime - prng.int(200, 700) * DAY;
    const row: StoredAccount = {
      rtp_aid: objectIdFrom(prng, created),
      name: c.name,
      domain: c.domain,
      rtp_account_score: c.score,
      rtp_journey_stage: c.stage,
      rtp_advertising_activity_score: c.intent.linkedin,
      rtp_website_intent_score: c.intent.website,
      rtp_g2_intent_score: c.intent.g2,
      rtp_bombora_intent_score: c.intent.bombora,
      updatedAt: baseTime - prng.int(1, 72) * 3_600_000,
      ...(c.customFields ? { customFields: { ...c.customFields } } : {}),
      ...(c.segments?.length ? { segmentIds: c.segments.map(segmentIdByName) } : {}),
    };
    out.push(row);
    if (c.duplicate) {
      // the API can hold two rows for one domain; the copy sorts after the original
      const copyId = row.rtp_aid.slice(0, 8) + 'ffff' + prng.hex(12);
      out.push({ ...row, rtp_aid: copyId, customFields: undefined, segmentIds: undefined, rtp_account_score: Math.round(c.score / 3),
        rtp_journey_stage: 'Unaware', updatedAt: row.updatedAt - 30 * DAY });
    }
  }
  return [...out, ...extraCompanies(prng, baseTime, taken)];
}
