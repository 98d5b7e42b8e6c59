import { useEffect, useId, useRef, useState } from 'react';
import type { Theme } from '@/utils/settings';
import { LensRoot } from '../LensRoot';
import { ShortcutList } from '../ShortcutList';
import { DEFAULT_SHORTCUTS } from '../shortcuts';
import { AllSetCard } from './AllSetCard';
import { AccountLinkSection } from './AccountLinkSection';
import { ConnectionSection } from './ConnectionSection';
import type { OptionsActions, OptionsModel } from './options-types';
import { PermissionsSection } from './PermissionsSection';
import { RepSection } from './RepSection';
import { SitesSection } from './SitesSection';
import { SyncSection } from './SyncSection';
import { MoversSettingsSection } from '../movers/MoversSettingsSection';
import '../styles/views.css';

/**
 * Settings: onboarding first (connect → work e-mail → All set), then every setting. Onboarding
 * is shown when the page opens before setup is done, and ends with the All set card.
 */
export function OptionsView({ model, actions }: { model: OptionsModel; actions: OptionsActions }) {
  const uid = useId();
  const { settings, status } = model;
  const shortcuts = model.shortcuts ?? DEFAULT_SHORTCUTS;
  const connected = !!status?.configured && !status.needsNewKey;
  const setupDone = connected && settings.repEmail !== '';
  // decided once, when the status first arrives: a rep who opens a set-up page sees no onboarding
  const [onboarding, setOnboarding] = useState<boolean | null>(status ? !setupDone : null);
  if (onboarding === null && status) setOnboarding(!setupDone);
  const showAllSet = onboarding === true && setupDone;

  const emailRef = useRef<HTMLInputElement>(null);
  const allSetRef = useRef<HTMLHeadingElement>(null);
  const focusAllSet = useRef(false);
  useEffect(() => {
    if (showAllSet && focusAllSet.current) {
      focusAllSet.current = false;
      allSetRef.current?.focus();
    }
  }, [showAllSet]);

  const onConnected = () => {
    if (settings.repEmail === '') emailRef.current?.focus();
    else focusAllSet.current = true;
  };

  return (
    <LensRoot theme={settings.theme} className="rl-options">
      <main className="rl-options-main">
        <h1 className="rl-options-title">Recotap Lens settings</h1>
        {onboarding && !setupDone ? (
          <section className="rl-card-section" aria-labelledby={`${uid}-start`}>
            <h2 id={`${uid}-start`}>Getting started</h2>
            <ol className="rl-steps" aria-label="Getting started">
              <li>{connected ? 'Connected to Recotap (done).' : 'Connect: paste your Recotap API key and press Connect.'}</li>
              <li>{settings.repEmail ? 'Work e-mail saved (done).' : 'Save your work e-mail: Recotap records it as the owner of calls and e-mails you log.'}</li>
              <li>Open a record in your CRM to try it.</li>
            </ol>
          </section>
        ) : null}
        <ConnectionSection
          apiBase={settings.apiBase}
          locked={settings.locked.includes('apiBase')}
          status={status}
          actions={actions}
          onConnected={onConnected}
        />
        <RepSection
          email={settings.repEmail}
          onSave={actions.saveRepEmail}
          inputRef={emailRef}
          onSaved={() => {
            focusAllSet.current = true;
          }}
        />
        {showAllSet ? <AllSetCard ref={allSetRef} sites={model.sites} shortcuts={shortcuts} /> : null}
        <SyncSection sync={settings.sync} status={status} storageBytes={model.storageBytes} actions={actions} />
        <MoversSettingsSection listSegments={connected ? actions.listSegments : undefined} />
        <SitesSection settings={settings} sites={model.sites} onChange={actions.saveSitePref} />
        <AccountLinkSection />
        <section className="rl-card-section" aria-labelledby={`${uid}-theme`}>
          <h2 id={`${uid}-theme`}>Appearance</h2>
          <label className="rl-label" htmlFor={`${uid}-theme-select`}>
            Theme
          </label>
          <select
            id={`${uid}-theme-select`}
            className="rl-select rl-select-fit"
            value={settings.theme}
            onChange={(e) => void actions.saveTheme(e.target.value as Theme)}
          >
            <option value="system">Match the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </section>
        <section className="rl-card-section" aria-labelledby={`${uid}-keys`}>
          <h2 id={`${uid}-keys`}>Keyboard shortcuts</h2>
          <ShortcutList shortcuts={shortcuts} />
          <p className="rl-muted">
            Change them in Chrome at chrome://extensions/shortcuts, in Firefox at about:addons → ⚙ → Manage Extension Shortcuts.
          </p>
        </section>
        <PermissionsSection />
      </main>
    </LensRoot>
  );
}
