import { useState, type ReactNode } from 'react';
import type { AccountView, ErrorView } from '@/utils/view-models';
import { changeSummary } from './format';
import { Fold } from './Fold';
import { OpenInRecotap } from './OpenInRecotap';
import { ScoreExplainer } from './ScoreExplainer';
import { Freshness } from './Freshness';
import { IntentBars } from './IntentBars';
import { JourneyStepper } from './JourneyStepper';
import { PanelSection } from './PanelSection';
import { ScoreBadge } from './ScoreBadge';
import { ScoreSparkline } from './ScoreSparkline';

/** Custom fields shown before "Show all": an account can carry thousands, and rendering them all stalls the page. */
const FIELDS_SHOWN = 50;

/** Body of the "found" state: score, stage, intent, trend, segments, custom fields, freshness. */
export function AccountDetails({
  account,
  stages,
  stale,
  refreshError,
  now,
  activity,
}: {
  activity?: ReactNode;
  account: AccountView;
  stages: string[];
  stale: boolean;
  refreshError: ErrorView | null;
  now: Date;
}) {
  // remembered per account, so the next account after an SPA navigation starts short again
  const [allFieldsFor, setAllFieldsFor] = useState<string | null>(null);
  const allFields = allFieldsFor === account.rtpAid;
  const change = changeSummary(account, now);
  const total = account.customFields.length;
  const fields = allFields ? account.customFields : account.customFields.slice(0, FIELDS_SHOWN);
  const unscored = account.band === 'unscored';
  // compact: score, stage and logging first (visible without scrolling); the rest folds (remembered)
  return (
    <>
      <PanelSection id="score" title="Account score">
        <div className="rl-score-row">
          <ScoreBadge score={account.score} band={account.band} size="large" />
          <ScoreSparkline history={account.history} />
        </div>
        {unscored ? (
          <p className="rl-muted">Recotap has this account but has not scored it yet. New accounts are usually scored within a day.</p>
        ) : null}
        {change ? <p className="rl-change">{change}</p> : null}
        <div className="rl-score-links">
          <ScoreExplainer account={account} />
          <OpenInRecotap account={account} />
        </div>
      </PanelSection>
      <PanelSection id="journey" title="Journey stage">
        <JourneyStepper stages={stages} current={account.stage} />
      </PanelSection>
      {activity ? (
        <PanelSection id="activity" title="Log activity">
          {activity}
        </PanelSection>
      ) : null}
      <Fold id="intent" title="Intent by source" defaultOpen>
        <IntentBars intent={account.intent} />
      </Fold>
      {account.segments.length > 0 ? (
        <Fold id="segments" title={`Segments (${account.segments.length})`}>
          <ul className="rl-chips">
            {account.segments.map((s) => (
              <li key={s.id} className="rl-chip">
                {s.name}
              </li>
            ))}
          </ul>
        </Fold>
      ) : null}
      {account.customFields.length > 0 ? (
        <Fold id="fields" title={`Custom fields (${total.toLocaleString('en-US')})`}>
          <dl className="rl-fields">
            {fields.map((f) => (
              <div key={f.key} className="rl-field">
                <dt>{f.label}</dt>
                <dd>{f.value}</dd>
              </div>
            ))}
          </dl>
          {fields.length < total ? (
            <button type="button" className="rl-btn" onClick={() => setAllFieldsFor(account.rtpAid)}>
              Show all ({total.toLocaleString('en-US')})
            </button>
          ) : null}
        </Fold>
      ) : null}
      <Freshness account={account} stale={stale} refreshError={refreshError} now={now} />
    </>
  );
}
