// @vitest-environment jsdom
/**
 * Runs only in the "preact" project (vitest.config.ts), which resolves react and react-dom as the
 * inpage.js build does (preact-compat.ts). Pins that this project really renders with Preact, and
 * the React 19 behaviours the in-page panel relies on that its other tests do not single out:
 * `ref` as a plain prop (LensRoot), error boundaries, and the whole shadow-root mount.
 */
import * as React from 'react';
import * as ReactDOM from 'react-dom';
import * as ReactDOMClient from 'react-dom/client';
import * as Compat from 'preact/compat';
import * as CompatClient from 'preact/compat/client';
import { createRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ErrorBoundary } from '@/components/ErrorBoundary';
import { LensRoot } from '@/components/LensRoot';
import { PageContextSchema } from '@/utils/view-models';
import { found } from '../components/fixtures';

const lookup = vi.fn(async () => found());
vi.mock('@/components/content-panel/backend', () => ({
  messagingBackend: { lookup, pin: lookup, unpin: lookup, add: lookup, markSeen: async () => undefined },
}));

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('the preact project', () => {
  it('resolves react, react-dom and react-dom/client to preact/compat', () => {
    expect(React.useState).toBe(Compat.useState);
    expect(React.useSyncExternalStore).toBe(Compat.useSyncExternalStore);
    expect(ReactDOM.createPortal).toBe(Compat.createPortal);
    expect(ReactDOMClient.createRoot).toBe(CompatClient.createRoot);
  });

  it('passes `ref` to a function component as a prop (React 19), so LensRoot hands out its <div>', () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <LensRoot theme="dark" ref={ref}>
        <p>inside</p>
      </LensRoot>,
    );
    expect(ref.current).toBeInstanceOf(HTMLDivElement);
    expect(ref.current?.dataset.theme).toBe('dark');
    expect(ref.current?.className).toBe('rl-root');
  });

  it('an error boundary shows its fallback and reports the error', () => {
    const onError = vi.fn();
    const Boom = (): never => {
      throw new Error('boom');
    };
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <ErrorBoundary fallback={<p>fallback</p>} onError={onError}>
        <Boom />
      </ErrorBoundary>,
    );
    expect(screen.getByText('fallback')).toBeTruthy();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
  });
});

describe('shadowPanel (the inpage.js mount)', () => {
  it('renders the account in an open shadow root on the page and removes it all', async () => {
    const { shadowPanel } = await import('@/components/content-panel/mount-shadow-panel');
    Object.defineProperty(window, 'innerWidth', { value: 1280, configurable: true });
    const driver = shadowPanel();
    driver.setContext(PageContextSchema.parse({ site: 'linkedin', url: 'https://www.linkedin.com/company/acme/', websites: ['acme.com'] }));
    const ui = driver.mount('linkedin');
    const host = document.querySelector('recotap-lens-panel');
    expect(host?.shadowRoot).toBeTruthy();
    const body = host!.shadowRoot!.querySelector('body')!;
    await waitFor(() => expect(within(body).getByRole('heading', { name: 'Acme Corp' })).toBeTruthy());
    expect(lookup).toHaveBeenCalledTimes(1);
    ui.remove();
    expect(document.querySelector('recotap-lens-panel')).toBeNull();
    expect(body.childNodes).toHaveLength(0);
  });
});
