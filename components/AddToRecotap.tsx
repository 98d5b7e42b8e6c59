import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AddAccountInput, PanelActions, SegmentOption } from './panel-actions';
import { errorText } from './panel-actions';

/** Names what was looked up: "acme.com is not in Recotap", never a bare "this company". */
export function notInRecotapText(domain: string | null, companyName: string | null): string {
  const what = domain ?? (companyName ? `“${companyName}”` : null);
  return what ? `${what} is not in Recotap yet.` : 'This company is not in Recotap yet.';
}

/** "Not in Recotap" state: add the company (prefilled from the page), optionally into a static segment. */
export function AddToRecotap({
  domain,
  companyName,
  externalId,
  actions,
}: {
  domain: string | null;
  companyName: string | null;
  externalId?: string;
  actions: Pick<PanelActions, 'addAccount' | 'listSegments'>;
}) {
  const uid = useId();
  const [name, setName] = useState(companyName ?? '');
  const [dom, setDom] = useState(domain ?? '');
  const [segmentId, setSegmentId] = useState('');
  const [segments, setSegments] = useState<SegmentOption[] | null>(null);
  const [segmentError, setSegmentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    actions
      .listSegments()
      .then((r) => {
        if (!live) return;
        if ('segments' in r) setSegments(r.segments);
        else setSegmentError(r.error);
      })
      .catch((e: unknown) => live && setSegmentError(errorText(e)));
    return () => {
      live = false;
    };
  }, [actions]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (name.trim() === '' || dom.trim() === '') {
      setError('Company name and domain are both required.');
      return;
    }
    const input: AddAccountInput = { name: name.trim(), domain: dom.trim() };
    if (externalId) input.externalId = externalId;
    if (segmentId) input.segmentId = segmentId;
    setBusy(true);
    setError(null);
    try {
      const message = await actions.addAccount(input);
      if (message) setError(message);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="rl-add" onSubmit={submit} aria-describedby={`${uid}-intro`}>
      <p id={`${uid}-intro`} className="rl-message-title">
        {notInRecotapText(domain, companyName)}
      </p>
      <label className="rl-label" htmlFor={`${uid}-name`}>
        Company name
      </label>
      <input id={`${uid}-name`} className="rl-input" value={name} onChange={(e) => setName(e.target.value)} required />
      <label className="rl-label" htmlFor={`${uid}-domain`}>
        Domain
      </label>
      <input id={`${uid}-domain`} className="rl-input" value={dom} onChange={(e) => setDom(e.target.value)} required />
      <label className="rl-label" htmlFor={`${uid}-segment`}>
        Static segment (optional)
      </label>
      <select
        id={`${uid}-segment`}
        className="rl-select"
        value={segmentId}
        onChange={(e) => setSegmentId(e.target.value)}
        disabled={!segments || segments.length === 0}
      >
        <option value="">{segments === null && !segmentError ? 'Loading segments…' : 'No segment'}</option>
        {(segments ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {s.status === 'draft' ? `${s.name} (draft)` : s.name}
          </option>
        ))}
      </select>
      {segmentError ? <p className="rl-muted">Segments unavailable: {segmentError}</p> : null}
      {error ? (
        <p className="rl-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="rl-actions">
        <button type="submit" className="rl-btn rl-btn-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add to Recotap'}
        </button>
      </div>
    </form>
  );
}
