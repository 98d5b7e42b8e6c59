import { useState } from 'react';
import type { PageContext } from '@/utils/view-models';
import type { PanelActions } from './panel-actions';
import { NotThisAccount } from './NotThisAccount';
import { diagnosticsText } from './diagnostics';

/**
 * A record page Recotap Lens could not read (docs/detection.md): it says so, never "not in
 * Recotap"; the rep can find the account by name or domain and pin it to this record, or copy
 * diagnostics (no page text) for support.
 */
export function UnreadableRecord({ context, actions }: { context: PageContext; actions: Pick<PanelActions, 'search' | 'pin' | 'unpin'> }) {
  const [copied, setCopied] = useState<string | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const onlyPersonal = context.recordType === 'thread' && context.emails.length > 0;
  const text = diagnosticsText(context);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Diagnostics copied. Paste them into your message to support.');
    } catch {
      // no clipboard access in this frame: show the text to copy by hand
      setShown(text);
      setCopied(null);
    }
  }

  return (
    <div className="rl-message rl-unreadable">
      <p className="rl-message-title">{onlyPersonal ? 'No company e-mail in this thread' : 'Couldn’t read this record'}</p>
      <p className="rl-muted">
        {onlyPersonal
          ? 'Everyone here writes from personal e-mail or from your own company. Search for the account to pin it to this thread.'
          : 'Recotap Lens found no website, e-mail address or company name on this page. Search for the account to pin it to this record.'}
      </p>
      <NotThisAccount pinned={false} currentRtpAid={null} alternates={[]} actions={actions} startOpen toggleLabel="Find the account" />
      <div className="rl-actions">
        <button type="button" className="rl-btn" onClick={() => void copy()}>
          Copy diagnostics
        </button>
      </div>
      {copied ? (
        <p className="rl-muted" role="status">
          {copied}
        </p>
      ) : null}
      {shown ? (
        <textarea className="rl-input rl-diagnostics" readOnly value={shown} aria-label="Diagnostics to copy" rows={6} />
      ) : null}
    </div>
  );
}
