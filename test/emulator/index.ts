/** Public entry of the local Recotap API emulator (see README.md). */
export { createEmulator, type Emulator, type EmulatorControls, type EmulatorStats } from './app.ts';
export { startEmulator, type RunningEmulator, type StartOptions } from './server.ts';
export { createSelfSignedCert, DEFAULT_CERT_HOSTS } from './cert.ts';
export { syntheticAccounts } from './seed-synthetic.ts';
export { demoAccounts } from './seed-demo.ts';
export { SEGMENTS, JOURNEY_STAGES } from './catalog.ts';
export { DEMO_API_KEY, DEMO_COMPANIES, DEMO_REP, type DemoCompany } from './demo-companies.ts';
export type { EmulatorOptions, Faults, FaultSet, SeedSpec, StoredAccount, RequestLogEntry, SchemaDrift } from './types.ts';
