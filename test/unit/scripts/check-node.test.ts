// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const SCRIPT = path.join(ROOT, 'scripts/check-node.cjs');
const { satisfies, check } = createRequire(import.meta.url)(SCRIPT) as {
  satisfies(version: string, range: string): boolean;
  check(version: string, range: string): { ok: boolean; message: string };
};
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; scripts: Record<string, string> };

describe('check-node (npm preinstall)', () => {
  it('compares versions against npm-style ranges', () => {
    expect(satisfies('20.12.0', '>=20.12.0')).toBe(true);
    expect(satisfies('20.20.2', '>=20.12.0')).toBe(true);
    expect(satisfies('22.1.0', '>=20.12.0')).toBe(true);
    expect(satisfies('20.11.1', '>=20.12.0')).toBe(false);
    expect(satisfies('18.19.0', '>=20.12.0')).toBe(false);
    expect(satisfies('20.9.0', '>=20.12.0')).toBe(false); // numeric, not string, comparison
    expect(satisfies('21.0.0', '^20.12.0 || >=22')).toBe(false);
    expect(satisfies('22.0.0', '^20.12.0 || >=22')).toBe(true);
    expect(satisfies('20.13.1', '^20.12.0 || >=22')).toBe(true);
    expect(satisfies('24.0.0', '>=20.12.0 <24')).toBe(false);
    expect(satisfies('23.9.0', '>= 20.12.0 < 24')).toBe(true);
    expect(satisfies('20.5.0', '20.x')).toBe(true);
    expect(satisfies('20.5.0', '~20.4')).toBe(false);
  });

  it('the message names the supported range and this version', () => {
    expect(check('18.19.0', '>=20.12.0')).toEqual({
      ok: false,
      message:
        'Recotap Lens needs Node >=20.12.0 (package.json "engines"), but this is Node 18.19.0. ' +
        'Install a supported Node (for example `nvm install 20`, or https://nodejs.org) and run `npm install` again.',
    });
    expect(check('20.12.0', '>=20.12.0').ok).toBe(true);
  });

  it('is the preinstall script, and passes on this Node (which package.json accepts)', () => {
    expect(pkg.scripts.preinstall).toBe('node scripts/check-node.cjs');
    expect(satisfies(process.versions.node, pkg.engines.node)).toBe(true);
    const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([0, '']);
  });
});
