/** Writes a section of the reliability figures to test-results/reliability/<section>.json and prints it. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SUMMARY_DIR = join(process.cwd(), 'test-results', 'reliability');

/** Record `data` under `section` (one file per section, so test files never overwrite each other). */
export function writeSummary(section: string, data: unknown): string {
  mkdirSync(SUMMARY_DIR, { recursive: true });
  const file = join(SUMMARY_DIR, `${section}.json`);
  const text = JSON.stringify(data, null, 2);
  writeFileSync(file, `${text}\n`);
  console.log(`[reliability] ${section} → ${file}\n${text}`);
  return file;
}
