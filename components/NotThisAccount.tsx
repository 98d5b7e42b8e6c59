import { useEffect, useId, useRef, useState } from 'react';
import type { AccountSummary } from '@/utils/view-models';
import type { PanelActions } from './panel-actions';
import { errorText } from './panel-actions';

type Choice = { rtpAid: string; name: string; domain?: string };

/** "Not this account?": search the local cache and pin the right account for this record; or unpin. */
export function NotThisAccount({
  pinned,
  currentRtpAid,
  alternates,
  actions,
  debounceMs = 150,
  startOpen = false,
  toggleLabel = 'Not this account?',
}: {
  pinned: boolean;
  currentRtpAid: string | null;
  alternates: { rtpAid: string; name: string }[];
  actions: Pick<PanelActions, 'search' | 'pin' | 'unpin'>;
  debounceMs?: number;
  /** show the search box at once (the "couldn't read" state); focus still moves only on a click */
  startOpen?: boolean;
  toggleLabel?: string;
}) {
  const uid = useId();
  const [open, setOpen] = useState(startOpen);
  const userOpened = useRef(false);
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<AccountSummary[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    // never take the keyboard from the CRM page unless the rep asked for the box
    if (open && userOpened.current) inputRef.current?.focus();
  }, [open]);

  useEffect(() => {
    if (!open || query.trim() === '') return;
    let live = true;
    const timer = setTimeout(() => {
      actions
        .search(query.trim())
        .then((r) => live && setResults(r))
        .catch((e: unknown) => live && setMessage(errorText(e)));
    }, debounceMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, query, actions, debounceMs]);

  async function run(fn: () => Promise<string | null>) {
    setBusy(true);
    setMessage(null);
    try {
      const err = await fn();
      if (err) setMessage(err);
      else setOpen(false);
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const shown = query.trim() === '' ? [] : results;
  const options: Choice[] = [...alternates, ...shown].filter(
    (a, i, all) => a.rtpAid !== currentRtpAid && all.findIndex((b) => b.rtpAid === a.rtpAid) === i,
  );

  return (
    <div className="rl-notthis">
      <div className="rl-actions">
        <button
          type="button"
          className="rl-btn rl-btn-link"
          aria-expanded={open}
          aria-controls={`${uid}-box`}
          onClick={() => {
            userOpened.current = true;
            setOpen((o) => !o);
          }}
        >
          {toggleLabel}
        </button>
        {pinned ? (
          <button type="button" className="rl-btn" disabled={busy} onClick={() => run(actions.unpin)}>
            Unpin
          </button>
        ) : null}
      </div>
      {open ? (
        <div id={`${uid}-box`} className="rl-notthis-box">
          <label className="rl-label" htmlFor={`${uid}-q`}>
            Search your Recotap accounts
          </label>
          <input
            ref={inputRef}
            id={`${uid}-q`}
            className="rl-input"
            type="search"
            value={query}
            placeholder="Name or domain"
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
          />
          {options.length > 0 ? (
            <ul className="rl-pick-list" aria-label="Accounts to choose from">
              {options.map((a) => (
                <li key={a.rtpAid}>
                  <button type="button" className="rl-btn rl-pick" disabled={busy} onClick={() => run(() => actions.pin(a.rtpAid))}>
                    <span>{a.name}</span>
                    {a.domain ? <span className="rl-muted"> {a.domain}</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          ) : query.trim() !== '' ? (
            <p className="rl-muted">No cached account matches.</p>
          ) : null}
        </div>
      ) : null}
      {message ? (
        <p className="rl-error" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
