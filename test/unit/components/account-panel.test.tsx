// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AccountPanel } from '@/components/AccountPanel';
import type { LookupResult } from '@/utils/view-models';
import { HOSTILE, NOW, account, found, recordingActions } from './fixtures';

afterEach(cleanup);

function show(result: LookupResult | null, extra: Partial<Parameters<typeof AccountPanel>[0]> = {}) {
  const actions = recordingActions();
  const utils = render(
    <AccountPanel
      result={result}
      context={{ site: 'hubspot', url: 'https://app.hubspot.com/x', recordId: '123', companyName: 'Page Co', websites: [], emails: [], contacts: [] }}
      actions={actions}
      theme="light"
      now={NOW}
      {...extra}
    />,
  );
  return { ...utils, actions };
}

describe('AccountPanel states', () => {
  it('shows a busy skeleton while loading', () => {
    const { container } = show(null);
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(screen.getAllByText('Looking up this account…').length).toBeGreaterThan(0);
  });

  it('found: header, match reason, score band, stage stepper, intent, trend, segments, fields, freshness', () => {
    show(found(), { renderActivity: (account) => <p>activity for {account.domain}</p> });
    expect(screen.getByRole('heading', { level: 2, name: 'Acme Corp' })).toBeTruthy();
    expect(screen.getByText('Matched: Website field')).toBeTruthy();
    expect(screen.getByText('72 · Hot')).toBeTruthy();
    const stepper = screen.getByRole('list', { name: 'Journey stage' });
    expect(within(stepper).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Unaware',
      'Aware',
      'Consideration',
      'Opportunity',
      'Customer',
    ]);
    expect(stepper.querySelector('[aria-current="step"]')?.textContent).toBe('Consideration');
    expect(screen.getByRole('meter', { name: 'LinkedIn advertising' }).getAttribute('aria-valuetext')).toBe('38 of 100');
    expect(screen.getByRole('meter', { name: 'Bombora' }).getAttribute('aria-valuenow')).toBe('0');
    expect(screen.getByRole('img', { name: /Score trend up: 40 to 72/ })).toBeTruthy();
    expect(screen.getByText(/Changed since you last looked \(2 days ago\): score 40 → 72, stage Aware → Consideration/)).toBeTruthy();
    expect(screen.getByText('EMEA Fintech Targets')).toBeTruthy();
    expect(screen.getByText('Tier').nextElementSibling?.textContent).toBe('Enterprise');
    expect(screen.getByText('Recotap updated 3 hours ago · synced 5 minutes ago')).toBeTruthy();
    expect(screen.getByText(/rescores accounts on a schedule/)).toBeTruthy();
    const activity = screen.getByRole('region', { name: 'Log activity' });
    expect(within(activity).getByText('activity for acme.com')).toBeTruthy();
  });

  it.each([
    ['email', 'email domain'],
    ['name', 'matched by name'],
    ['pinned', 'your choice'],
  ] as const)('explains a %s match as "%s"', (matchedBy, label) => {
    show(found({ matchedBy }));
    expect(screen.getByText(`Matched: ${label}`)).toBeTruthy();
  });

  it('falls back to the default stages and appends an unknown current stage', () => {
    show(found({ stages: [] }, { stage: 'Renewal' }));
    const items = within(screen.getByRole('list', { name: 'Journey stage' })).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['Unaware', 'Aware', 'Consideration', 'Opportunity', 'Customer', 'Renewal']);
  });

  it('unscored accounts say "Not scored yet", never cold', () => {
    show(found({}, { score: 0, band: 'unscored', stage: '', history: [], changedSinceSeen: null }));
    expect(screen.getByText('Not scored yet')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'What is this score?' })).toBeTruthy();
    // the explainer (folded) defines "cold"; nothing shown calls this account cold
    expect(screen.queryByText(/cold/i, { ignore: '[hidden] *, script, style' })).toBeNull();
    expect(screen.getByText('No journey stage yet')).toBeTruthy();
    // one reading is no trend: no "not enough history" noise
    expect(screen.queryByText('Not enough score history yet')).toBeNull();
  });

  it('stale: shows the cache age and the refresh error', () => {
    show(found({ stale: true, refreshError: { kind: 'network', message: 'Recotap could not be reached.', retryable: true } }, { fetchedAt: '2026-11-26T12:00:00Z' }));
    expect(screen.getByText('Cached data from yesterday — refresh failed: Recotap could not be reached.')).toBeTruthy();
  });

  it('not configured: a button opens the options page', async () => {
    const { actions } = show({ state: 'not-configured' });
    await userEvent.click(screen.getByRole('button', { name: 'Open settings' }));
    expect(actions.openOptions).toHaveBeenCalledTimes(1);
  });

  it('error: shows the message and retries', async () => {
    const { actions } = show({ state: 'error', error: { kind: 'server', message: 'Recotap had a problem (502).', retryable: true } });
    expect(screen.getByRole('alert').textContent).toContain('Recotap had a problem (502).');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(actions.retry).toHaveBeenCalledTimes(1);
  });

  it('site disabled and no signal have their own messages', () => {
    show({ state: 'site-disabled' });
    expect(screen.getByText('Turned off for this site')).toBeTruthy();
    cleanup();
    show({ state: 'no-signal' }, { context: null });
    expect(screen.getByText('No company on this page')).toBeTruthy();
  });

  it('a record page with nothing read says "Couldn’t read this record" (never "not in Recotap"), and its search pins', async () => {
    const actions = recordingActions({
      search: async () => [{ rtpAid: 'rtp-1', name: 'Acme Robotics', domain: 'acmerobotics.com', score: 87, band: 'hot', stage: 'Opportunity' }],
    });
    const context = {
      site: 'salesforce-lightning', url: 'https://acme.lightning.force.com/lightning/r/Account/001Hs0000000AbCdEI/view', recordType: 'account',
      recordId: '001Hs0000000AbCdEI', websites: [], emails: [], contacts: [],
      read: { status: 'unreadable' as const, via: {}, guard: 'fresh-load' as const, layers: [{ layer: 'hooks' as const, websites: 0, emails: 0, companyName: false, linkedinSlug: false, contacts: 0, title: false }], ms: 8000 },
    };
    render(<AccountPanel result={{ state: 'no-signal' }} context={context} actions={actions} theme="light" now={NOW} />);
    expect(screen.getByText('Couldn’t read this record')).toBeTruthy();
    expect(screen.queryByText(/not in Recotap/)).toBeNull();
    // the search box is there at once, but the CRM page keeps the keyboard focus
    const box = screen.getByLabelText('Search your Recotap accounts');
    expect(document.activeElement).not.toBe(box);
    await userEvent.type(box, 'acme');
    await userEvent.click(await screen.findByRole('button', { name: /Acme Robotics/ }));
    expect(actions.pin).toHaveBeenCalledWith('rtp-1');
  });

  it('"Copy diagnostics" copies site, masked URL and layer counts, and no page text', async () => {
    const writes: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void writes.push(t) } });
    const context = {
      site: 'dynamics', url: 'https://contoso.crm4.dynamics.com/main.aspx?appid=4d3e5f60-1a2b&pagetype=entityrecord&etn=account&id=8f0c7a55-2f3b-ee11-9cbd-000d3a2b1c44',
      recordType: 'account', recordId: '8f0c7a55-2f3b-ee11-9cbd-000d3a2b1c44', companyName: 'Secret Customer Ltd', websites: [], emails: [], contacts: [],
      read: { status: 'unreadable' as const, via: {}, guard: 'settled' as const, layers: [], ms: 8001 },
    };
    render(<AccountPanel result={{ state: 'no-signal' }} context={context} actions={recordingActions()} theme="light" now={NOW} />);
    await userEvent.click(screen.getByRole('button', { name: 'Copy diagnostics' }));
    expect(writes).toHaveLength(1);
    const d = JSON.parse(writes[0]!) as Record<string, unknown>;
    expect(d).toMatchObject({ site: 'dynamics', status: 'unreadable', guard: 'settled', ms: 8001 });
    expect(d.url).toBe('https://*.crm4.dynamics.com/main.aspx?appid=:v&pagetype=entityrecord&etn=account&id=:v');
    expect(writes[0]).not.toContain('Secret Customer');
    expect(writes[0]).not.toContain('contoso');
    expect(await screen.findByRole('status')).toBeTruthy();
  });

  it('"not in Recotap" names what was looked up', () => {
    show({ state: 'not-found', domain: 'newco.io', companyName: 'NewCo' });
    expect(screen.getByText('newco.io is not in Recotap yet.')).toBeTruthy();
    cleanup();
    show({ state: 'not-found', domain: null, companyName: 'NewCo' });
    expect(screen.getByText('“NewCo” is not in Recotap yet.')).toBeTruthy();
  });

  it('not found: "Add to Recotap" is prefilled and sends the CRM record id and chosen segment', async () => {
    const { actions } = show({ state: 'not-found', domain: 'newco.io', companyName: 'NewCo' });
    expect((screen.getByLabelText('Company name') as HTMLInputElement).value).toBe('NewCo');
    expect((screen.getByLabelText('Domain') as HTMLInputElement).value).toBe('newco.io');
    const select = screen.getByLabelText('Static segment (optional)');
    await waitFor(() => expect((select as HTMLSelectElement).disabled).toBe(false));
    await userEvent.selectOptions(select, 'seg1');
    await userEvent.click(screen.getByRole('button', { name: 'Add to Recotap' }));
    expect(actions.addAccount).toHaveBeenCalledWith({ name: 'NewCo', domain: 'newco.io', externalId: '123', segmentId: 'seg1' });
  });

  it('not found: an add failure is shown inline', async () => {
    const actions = recordingActions({ addAccount: async () => 'Domain is not valid.' });
    render(<AccountPanel result={{ state: 'not-found', domain: 'x', companyName: null }} context={null} actions={actions} theme="dark" now={NOW} />);
    await userEvent.type(screen.getByLabelText('Company name'), 'X');
    await userEvent.click(screen.getByRole('button', { name: 'Add to Recotap' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Domain is not valid.');
  });
});

describe('AccountPanel safety and interaction', () => {
  it('renders hostile page/API strings as text, never as markup', () => {
    const { container } = show(
      found({}, { name: HOSTILE, domain: HOSTILE, segments: [{ id: 's', name: HOSTILE }], customFields: [{ key: 'k', label: HOSTILE, value: HOSTILE }] }),
    );
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe(HOSTILE);
    expect(screen.getAllByText(HOSTILE).length).toBeGreaterThanOrEqual(3);
  });

  it('"Not this account?" searches the cache and pins the chosen account', async () => {
    const { actions } = show(found());
    await userEvent.click(screen.getByRole('button', { name: 'Not this account?' }));
    const box = screen.getByLabelText('Search your Recotap accounts');
    expect(document.activeElement).toBe(box);
    await userEvent.type(box, 'acme');
    const choice = await screen.findByRole('button', { name: /Acme Holdings/ });
    expect(screen.queryByRole('button', { name: /Other Inc/ })).toBeNull();
    await userEvent.click(choice);
    expect(actions.search).toHaveBeenLastCalledWith('acme');
    expect(actions.pin).toHaveBeenCalledWith('rtp_acme2');
  });

  it('offers alternates sharing the domain, and unpin for a pinned match', async () => {
    const { actions } = show(found({ matchedBy: 'pinned' }, { alternates: [{ rtpAid: 'rtp_dup', name: 'Acme (duplicate)' }] }));
    await userEvent.click(screen.getByRole('button', { name: 'Unpin' }));
    expect(actions.unpin).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: 'Not this account?' }));
    await userEvent.click(screen.getByRole('button', { name: 'Acme (duplicate)' }));
    expect(actions.pin).toHaveBeenCalledWith('rtp_dup');
  });

  it('collapses to a score badge and expands again (floating variant)', async () => {
    let collapsed = false;
    const actions = recordingActions();
    const view = (c: boolean) => (
      <AccountPanel result={found()} context={null} actions={actions} theme="light" now={NOW} variant="floating" collapsed={c} onToggleCollapsed={() => (collapsed = !collapsed)} />
    );
    const { rerender } = render(view(collapsed));
    await userEvent.click(screen.getByRole('button', { name: 'Collapse panel' }));
    expect(collapsed).toBe(true);
    rerender(view(collapsed));
    expect(screen.queryByRole('heading', { name: 'Acme Corp' })).toBeNull();
    const badge = screen.getByRole('button', { name: /Recotap Lens: Acme Corp: score 72, Hot\. Expand panel/ });
    expect(badge.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(badge); // focus follows the toggle
    await userEvent.keyboard('{Enter}');
    expect(collapsed).toBe(false);
    rerender(view(collapsed));
    expect(screen.getByRole('heading', { name: 'Acme Corp' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Collapse panel' }));
  });

  it('dock toggle reports the other side', async () => {
    const docks: string[] = [];
    render(<AccountPanel result={found()} context={null} actions={recordingActions()} theme="light" variant="floating" dock="right" onDockChange={(d) => docks.push(d)} />);
    await userEvent.click(screen.getByRole('button', { name: 'Move panel to the left side' }));
    expect(docks).toEqual(['left']);
  });

  it('announces state changes in a polite live region', () => {
    const { rerender } = show(null);
    const live = () => document.querySelector('[aria-live="polite"]')?.textContent;
    expect(live()).toBe('Looking up this account…');
    rerender(<AccountPanel result={found()} context={null} actions={recordingActions()} theme="light" now={NOW} />);
    expect(live()).toBe('Acme Corp: score 72, Hot.');
  });

  it('account() builder keeps the schema defaults', () => {
    expect(account({ alternates: [] }).alternates).toEqual([]);
  });
});

describe('AccountPanel position', () => {
  it('dragging the header moves the panel and reports the new top and side', () => {
    const moves: { top: number; side: string }[] = [];
    const { container } = render(
      <AccountPanel result={found()} context={null} actions={recordingActions()} theme="light" variant="floating" top={100} onMove={(p) => moves.push(p)} />,
    );
    const header = container.querySelector('header')!;
    fireEvent.pointerDown(header, { button: 0, clientX: 1000, clientY: 110, pointerId: 1 });
    fireEvent.pointerMove(header, { clientX: 600, clientY: 210, pointerId: 1 });
    expect((container.firstElementChild as HTMLElement).style.top).toBe('200px');
    fireEvent.pointerUp(header, { clientX: 20, clientY: 210, pointerId: 1 });
    expect(moves).toEqual([{ top: 200, side: 'left' }]);
  });

  it('a drag never starts on the header buttons', () => {
    const moves: unknown[] = [];
    render(<AccountPanel result={found()} context={null} actions={recordingActions()} theme="light" variant="floating" onMove={(p) => moves.push(p)} />);
    const button = screen.getByRole('button', { name: 'Collapse panel' });
    fireEvent.pointerDown(button, { button: 0, clientX: 10, clientY: 10, pointerId: 1 });
    fireEvent.pointerUp(button, { clientX: 10, clientY: 300, pointerId: 1 });
    expect(moves).toEqual([]);
  });
});

describe('AccountPanel in the panel iframe (framed)', () => {
  const viewport = { width: 1000, height: 600 };

  it('reports its side, top and size for the host to place the iframe, and sets no fixed position', () => {
    const places: { side: string; top: number }[] = [];
    const { container, rerender } = render(
      <AccountPanel result={found()} context={null} actions={recordingActions()} theme="light" variant="floating" top={100} dock="right" framed={{ viewport, onPlace: (p) => places.push(p) }} />,
    );
    const root = container.firstElementChild as HTMLElement;
    expect(root.className).toContain('rl-framed');
    expect(root.style.top).toBe('');
    expect(root.style.getPropertyValue('--rl-vh')).toBe('600px'); // caps the box to the host's viewport
    expect(places.at(-1)).toMatchObject({ side: 'right', top: 100 });
    rerender(
      <AccountPanel result={found()} context={null} actions={recordingActions()} theme="light" variant="floating" top={100} dock="left" framed={{ viewport, onPlace: (p) => places.push(p) }} />,
    );
    expect(places.at(-1)).toMatchObject({ side: 'left', top: 100 });
  });

  it("drags in screen coordinates within the host's viewport, and picks the side in host coordinates", () => {
    const places: { top: number }[] = [];
    const moves: { top: number; side: string }[] = [];
    const { container } = render(
      <AccountPanel
        result={found()}
        context={null}
        actions={recordingActions()}
        theme="light"
        variant="floating"
        top={100}
        dock="right"
        onMove={(p) => moves.push(p)}
        framed={{ viewport, onPlace: (p) => places.push(p) }}
      />,
    );
    const header = container.querySelector('header')!;
    // the iframe moves with the panel, so clientY stays put while screenY follows the pointer
    fireEvent.pointerDown(header, { button: 0, clientX: 10, clientY: 20, screenY: 300, pointerId: 1 });
    fireEvent.pointerMove(header, { clientX: 10, clientY: 20, screenY: 400, pointerId: 1 });
    expect(places.at(-1)).toMatchObject({ top: 200 });
    fireEvent.pointerMove(header, { clientX: 10, clientY: 20, screenY: 2000, pointerId: 1 });
    expect(places.at(-1)).toMatchObject({ top: 552 }); // the host's 600 px viewport, not the frame's
    // x = 10 in a frame docked right is far right on the host page: it stays right
    fireEvent.pointerUp(header, { clientX: 10, clientY: 20, screenY: 400, pointerId: 1 });
    expect(moves).toEqual([{ top: 200, side: 'right' }]);
  });
});

describe('AccountPanel between records (SPA navigation)', () => {
  it('while the next record loads, the last account is hidden (never shown or announced), then updated in place', () => {
    let renders = 0;
    const renderActivity = (acc: { name: string }) => {
      renders++;
      return <p className="activity-probe">{acc.name}</p>;
    };
    const acme = found({}, { rtpAid: 'a'.repeat(24), name: 'Acme Robotics', domain: 'acmerobotics.com' });
    const globex = found({}, { rtpAid: 'b'.repeat(24), name: 'Globex', domain: 'globex.com' });
    const { container, rerender } = show(acme, { renderActivity });
    const score = container.querySelector('[data-section="score"]');
    const rendersBefore = renders;
    const props = (result: LookupResult | null) => (
      <AccountPanel
        result={result}
        context={null}
        actions={recordingActions()}
        theme="light"
        now={NOW}
        renderActivity={renderActivity}
      />
    );
    rerender(props(null));
    // loading: skeleton shown; the previous account's view is still in the DOM but hidden
    expect(container.querySelector('[aria-busy="true"]')).not.toBeNull();
    expect(score?.isConnected).toBe(true);
    expect(score?.closest('[hidden]')).not.toBeNull();
    expect(container.querySelector('.rl-title')?.textContent).toBe('Recotap Lens');
    // whatever still names the previous account is inside the hidden subtree (display: none)
    for (const el of screen.queryAllByText('Acme Robotics')) expect(el.closest('[hidden]')).not.toBeNull();
    expect(renders).toBe(rendersBefore); // the hidden view was not rendered again
    rerender(props(globex));
    expect(container.querySelector('[aria-busy="true"]')).toBeNull();
    expect(container.querySelector('[data-section="score"]')).toBe(score); // the same element, updated
    expect(score?.closest('[hidden]')).toBeNull();
    expect(container.querySelector('.rl-title')?.textContent).toBe('Globex');
    expect(container.querySelector('.activity-probe')?.textContent).toBe('Globex');
    expect(container.textContent).not.toContain('Acme Robotics');
  });

  it('a state other than "found" replaces the kept account', () => {
    const acme = found({}, { name: 'Acme Robotics' });
    const { container, rerender } = show(acme);
    const ctx = { site: 'hubspot', url: 'https://app.hubspot.com/x', recordId: '123', companyName: 'Page Co', websites: [], emails: [], contacts: [] };
    const at = (result: LookupResult | null) => <AccountPanel result={result} context={ctx} actions={recordingActions()} theme="light" now={NOW} />;
    rerender(at(null));
    rerender(at({ state: 'not-found', domain: 'page.co', companyName: 'Page Co' }));
    expect(container.querySelector('[data-section="score"]')).toBeNull();
    expect(container.textContent).not.toContain('Acme Robotics');
    rerender(at(null));
    expect(container.querySelector('[data-section="score"]')).toBeNull(); // nothing kept from before the not-found
  });
});
