import type { AccountPanelProps } from './AccountPanel';
import { AccountDetails } from './AccountDetails';
import { AddToRecotap } from './AddToRecotap';
import { NotThisAccount } from './NotThisAccount';
import { PanelError, PanelMessage, PanelSkeleton } from './PanelStates';

/** The panel's body for each LookupResult state (null = loading). */
export function PanelBody({ result, context, actions, allowPin = true, renderActivity, now = new Date() }: AccountPanelProps) {
  if (!result) return <PanelSkeleton />;
  switch (result.state) {
    case 'not-configured':
      return (
        <PanelMessage title="Connect Recotap Lens" action={{ label: 'Open settings', onClick: actions.openOptions }}>
          <p>Add your Recotap API key in the settings to see account intent here.</p>
          <p className="rl-muted">You can also open them from the Recotap Lens toolbar icon → Settings.</p>
        </PanelMessage>
      );
    case 'no-signal':
      return (
        <PanelMessage title="No company on this page">
          <p className="rl-muted">Open an account, contact, lead or deal record with a website or e-mail address.</p>
        </PanelMessage>
      );
    case 'site-disabled':
      return (
        <PanelMessage title="Turned off for this site" action={{ label: 'Open settings', onClick: actions.openOptions }}>
          <p className="rl-muted">You can turn Recotap Lens back on for this site in the settings.</p>
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
    case 'found':
      return (
        <>
          <AccountDetails
            account={result.account}
            stages={result.stages}
            stale={result.stale}
            refreshError={result.refreshError}
            now={now}
            activity={renderActivity?.(result.account, context)}
          />
          {allowPin ? (
            <NotThisAccount
              key={result.account.rtpAid}
              pinned={result.matchedBy === 'pinned'}
              currentRtpAid={result.account.rtpAid}
              alternates={result.account.alternates}
              actions={actions}
            />
          ) : null}
        </>
      );
  }
}
