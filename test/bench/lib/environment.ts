/** The machine a benchmark run happened on, for the head of docs/benchmarks.md. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { findChromium } from '../../../scripts/lib/browsers-system.ts';
import { ROOT } from '../../e2e/launch.ts';

const attempt = (fn: () => string): string => {
  try {
    return fn().trim();
  } catch {
    return 'unknown';
  }
};

/** CPU, cores, RAM, OS, Node, Chromium, Playwright, commit, date and load average. */
export function describeEnvironment(): Record<string, string> {
  const cpuinfo = attempt(() => readFileSync('/proc/cpuinfo', 'utf8'));
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const pkg = (name: string) => attempt(() => (JSON.parse(readFileSync(`${ROOT}/node_modules/${name}/package.json`, 'utf8')) as { version: string }).version);
  return {
    Date: new Date().toISOString(),
    CPU: model,
    'Cores available': String(os.availableParallelism()),
    RAM: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${os.type()} ${os.release()} (${os.arch()})`,
    Node: process.version,
    Chromium: attempt(() => findChromium().version ?? 'unknown'),
    Playwright: pkg('@playwright/test'),
    WXT: pkg('wxt'),
    Commit: attempt(() => execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' })),
    'Load average at start (1/5/15 min)': os.loadavg().map((l) => l.toFixed(2)).join(' / '),
  };
}
