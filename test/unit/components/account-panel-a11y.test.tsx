// @vitest-environment jsdom
// axe-core in jsdom: jsdom has no layout or computed colours, so 'color-contrast' is disabled
// here; contrast is checked in a real browser (e2e) instead.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import axe from 'axe-core';
import { AccountPanel } from '@/components/AccountPanel';
import type { ThemeMode } from '@/components/LensRoot';
import type { LookupResult } from '@/utils/view-models';
import { NOW, found, recordingActions } from './fixtures';

afterEach(cleanup);
// jsdom has no canvas; axe only uses it for icon-font heuristics. Returning null silences jsdom's noise.
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});

async function seriousViolations(container: HTMLElement) {
  const res = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  return res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const STATES: [string, LookupResult | null][] = [
  ['loading', null],
  ['found', found()],
  ['stale', found({ stale: true, refreshError: { kind: 'timeout', message: 'Timed out.', retryable: true } })],
  ['not-found', { state: 'not-found', domain: 'newco.io', companyName: 'NewCo' }],
  ['error', { state: 'error', error: { kind: 'unauthorized', message: 'Your API key was rejected.', retryable: false } }],
  ['not-configured', { state: 'not-configured' }],
];

describe.each(['light', 'dark'] as ThemeMode[])('axe, %s theme', (theme) => {
  it.each(STATES)('%s state has no serious or critical violations', async (_name, result) => {
    const { container } = render(
      <main>
        <AccountPanel result={result} context={null} actions={recordingActions()} theme={theme} now={NOW} variant="floating" />
      </main>,
    );
    expect(await seriousViolations(container)).toEqual([]);
  });

  it('collapsed badge has no serious or critical violations', async () => {
    const { container } = render(
      <main>
        <AccountPanel result={found()} context={null} actions={recordingActions()} theme={theme} variant="floating" collapsed />
      </main>,
    );
    expect(await seriousViolations(container)).toEqual([]);
  });
});
