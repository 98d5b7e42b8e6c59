/**
 * The fault table of the matrix: each emulator fault, and what each path must do while it lasts.
 * 'ok' = the path works through it (client retries or a tolerant parser); 'fails' = it shows a
 * clear error state of one of `kinds`; 'either' = a seeded rate that may or may not exhaust retries.
 */
import type { FaultSet } from '../emulator/index.ts';
import type { ErrorView } from '../../utils/view-models';

export type Expect = 'ok' | 'fails' | 'either';
type Kind = ErrorView['kind'];

export interface FaultCase {
  name: string;
  fault: FaultSet;
  /** error kinds a failure may show */
  kinds: Kind[];
  lookup: Expect;
  sync: Expect;
  outbox: Expect;
}

export const FAULT_CASES: FaultCase[] = [
  { name: 'latency 40 ms + jitter 60 ms', fault: { latencyMs: 40, jitterMs: 60 }, kinds: [], lookup: 'ok', sync: 'ok', outbox: 'ok' },
  { name: '20 % 5xx', fault: { errorRate: 0.2, seed: 'rel-5xx' }, kinds: ['server'], lookup: 'either', sync: 'either', outbox: 'either' },
  // 5 in a row beat the client's 2 retries: the caller must back off, honouring Retry-After
  { name: '429 burst of 5, Retry-After 2 s', fault: { rate429: { burst: 5, retryAfterSec: 2 } }, kinds: ['rate-limited'], lookup: 'fails', sync: 'fails', outbox: 'fails' },
  { name: 'every request hangs', fault: { hangRate: 1 }, kinds: ['timeout'], lookup: 'fails', sync: 'fails', outbox: 'fails' },
  { name: 'malformed JSON (truncated 200)', fault: { malformedJsonRate: 1 }, kinds: ['unexpected-response'], lookup: 'fails', sync: 'fails', outbox: 'fails' },
  { name: 'HTML 502 error page', fault: { htmlErrorRate: 1 }, kinds: ['server', 'unexpected-response'], lookup: 'fails', sync: 'fails', outbox: 'fails' },
  // drift mangles account rows only: /sales-activities is untouched
  { name: 'schema drift: missing fields', fault: { schemaDrift: 'missing-fields' }, kinds: ['unexpected-response'], lookup: 'either', sync: 'either', outbox: 'ok' },
  { name: 'schema drift: extra fields', fault: { schemaDrift: 'extra-fields' }, kinds: [], lookup: 'ok', sync: 'ok', outbox: 'ok' },
  { name: 'schema drift: wrong types', fault: { schemaDrift: 'wrong-types' }, kinds: ['unexpected-response'], lookup: 'either', sync: 'either', outbox: 'ok' },
];
