/**
 * `npm run emulator -- [flags]`: runs the emulator until Ctrl-C.
 * Flags: --port 4010 --host 127.0.0.1 --https --seed demo|empty|synthetic:N --fault-rate R --latency MS --jitter MS
 * --hang-rate R --html-rate R --malformed-rate R --drift missing-fields|extra-fields|wrong-types
 * --rate429-burst N --retry-after S --fault-path /accounts --fault-seed S
 * --fresh (seeded dates count back from now instead of the fixed 2026-11-20T06:00Z)
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './server.ts';
import type { FaultSet, SchemaDrift, SeedSpec } from './types.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    https: { type: 'boolean', default: false },
    seed: { type: 'string', default: 'demo' },
    'fault-rate': { type: 'string' },
    latency: { type: 'string' },
    jitter: { type: 'string' },
    'hang-rate': { type: 'string' },
    'html-rate': { type: 'string' },
    'malformed-rate': { type: 'string' },
    drift: { type: 'string' },
    'rate429-burst': { type: 'string' },
    'retry-after': { type: 'string' },
    'fault-path': { type: 'string' },
    'fault-seed': { type: 'string' },
    fresh: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (values.help) {
  console.log('Usage: npm run emulator -- [--port 4010] [--https] [--seed demo|empty|synthetic:N] [--fault-rate R] [--latency MS] [--jitter MS]\n'
    + '  [--hang-rate R] [--html-rate R] [--malformed-rate R] [--drift missing-fields|extra-fields|wrong-types] [--rate429-burst N --retry-after S]\n'
    + '  [--fault-path /accounts] [--fault-seed S] [--fresh]   (see test/emulator/README.md)');
  process.exit(0);
}

function parseSeed(s: string): SeedSpec {
  if (s === 'demo' || s === 'empty') return s;
  const m = /^synthetic:(\d+)$/.exec(s);
  if (!m) throw new Error(`--seed must be demo, empty or synthetic:N (got '${s}')`);
  return { synthetic: Number(m[1]) };
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

const faults: FaultSet = {
  ...(values['fault-path'] ? { pathPrefix: values['fault-path'] } : {}),
  ...(values['fault-seed'] ? { seed: values['fault-seed'] } : {}),
  latencyMs: num(values.latency),
  jitterMs: num(values.jitter),
  errorRate: num(values['fault-rate']),
  hangRate: num(values['hang-rate']),
  htmlErrorRate: num(values['html-rate']),
  malformedJsonRate: num(values['malformed-rate']),
  schemaDrift: values.drift as SchemaDrift | undefined,
  ...(values['rate429-burst'] ? { rate429: { burst: Number(values['rate429-burst']), retryAfterSec: num(values['retry-after']) ?? 1 } } : {}),
};
const anyFault = Object.entries(faults).some(([k, v]) => v !== undefined && k !== 'pathPrefix' && k !== 'seed');

const emu = await startEmulator({
  port: Number(values.port),
  host: values.host,
  https: values.https,
  seed: parseSeed(values.seed),
  ...(values.fresh ? { baseTime: Date.now() } : {}),
  ...(anyFault ? { faults } : {}),
});
console.log(`Recotap API emulator on ${emu.url}`);
console.log(`API key: ${emu.apiKey}`);
console.log(`Accounts: ${emu.state.store.size}. Admin: ${emu.origin}/__emulator/stats${anyFault ? ` Faults: ${JSON.stringify(emu.controls.getFaults())}` : ''}`);

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void emu.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
