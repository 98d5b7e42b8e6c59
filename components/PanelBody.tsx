import { memo, useState } from 'react';
import type { LookupResult } from '@/utils/view-models';
import type { AccountPanelProps } from './AccountPanel';
import { AccountDetails } from './AccountDetails';
import { AddToRecotap } from './AddToRecotap';
import { NotThisAccount } from './NotThisAccount';
import { PanelError, PanelMessage, PanelSkeleton } from './PanelStates';
import { UnreadableRecord } from './UnreadableRecord';

type Found = Extract<LookupResult, { state: 'found' }>;
type FoundProps = AccountPanelProps & { result: Found; hidden: boolean };

/**
 * The panel's body for each LookupResult state (null = loading).
 *
 * While the next record loads, the last account shown stays mounted but hidden (display: none, so
 * it is never seen or announced) and is not re-rendered. The next answer then updates that view in
 * place: an SPA navigation costs one diff instead of unmounting and rebuilding every section, and
 * the sections keep what they already read (e.g. the rep's email).
 */
export function PanelBody(props: AccountPanelProps) {
  const { result } = props;
  const [kept, setKept] = useState<Found | null>(null);
  const found = result?.state === 'found' ? result : null;
  // derived state ("storing information from previous renders"): loading keeps the last answer
  if (result !== null && found !== kept) setKept(found);
  const details = found ?? (result === null ? kept : null);
  return (
    <>
      {result === null ? <PanelSkeleton /> : null}
      {details ? (
        <div className="rl-found" hidden={result === null}>
          <FoundBody {...props} result={details} hidden={result === null} />
        </div>
      ) : result && result.state !== 'found' ? (
        <OtherState {...props} result={result} />
      ) : null}
    </>
  );
}

/** A hidden answer is not rendered again until it is replaced (or shown). "Not this account?" is in the header. */
const FoundBody = memo(
  function FoundBody({ result, context, renderActivity, now = new Date() }: FoundProps) {
    return (
      <>
        <AccountDetails
          account={result.account}
          stages={result.stages}
          stale={result.stale}
          refreshError={result.refreshError}
          now={now}
          activity={renderActivity?.(result.account, context, result.activities, result.matchedBy)}
        />
      </>
    );
  },
  (prev, next) => next.hidden && prev.result === next.result,
);

/** Every state but 'found'. */
function OtherState({ result, context, actions, allowPin = true }: AccountPanelProps & { result: Exclude<LookupResult, Found> }) {
  switch (result.state) {
    case 'not-configured':
      return (
        <PanelMessage title="Connect Recotap Lens" action={{ label: 'Open settings', onClick: actions.openOptions }}>
          <p>Add your Recotap API key in Settings to see account intent here.</p>
          <p className="rl-muted">You can also open them from the Recotap Lens toolbar icon → Settings.</p>
        </PanelMessage>
      );
    case 'no-signal':
      // a record page that could not be read: say so, offer search + pin and diagnostics
      if (context?.recordId && allowPin) return <UnreadableRecord context={context} actions={actions} />;
      return (
        <PanelMessage title="No company on this page">
          <p className="rl-muted">Open an account, contact, lead or deal record with a website or e-mail address.</p>
        </PanelMessage>
      );
    case 'site-disabled':
      return (
        <PanelMessage title="Turned off for this site" action={{ label: 'Open settings', onClick: actions.openOptions }}>
          <p className="rl-muted">You can turn Recotap Lens back on for this site in Settings.</p>
        </PanelMessage>
      );
    case 'error':
      return <PanelError error={result.error} onRetry={actions.retry} onOpenOptions={actions.openOptions} />;
    case 'not-found':
      return (
        <>
          <AddToRecotap
            key={`${result.domain ?? ''}|${result.companyName ?? ''}`}
            domain={result.domain}
            companyName={result.companyName ?? context?.companyName ?? null}
            externalId={context?.recordId}
            actions={actions}
          />
          {allowPin ? <NotThisAccount pinned={false} currentRtpAid={null} alternates={[]} actions={actions} /> : null}
        </>
      );
  }
}
