import { useId } from 'react';
import type { Theme } from '@/utils/settings';
import { LensRoot } from '../LensRoot';
import { ConnectionSection } from './ConnectionSection';
import type { OptionsActions, OptionsModel } from './options-types';
import { PermissionsSection } from './PermissionsSection';
import { RepSection } from './RepSection';
import { SitesSection } from './SitesSection';
import { SyncSection } from './SyncSection';
import '../styles/views.css';

/** The options page: onboarding first when not connected, then every setting. */
export function OptionsView({ model, actions }: { model: OptionsModel; actions: OptionsActions }) {
  const uid = useId();
  const { settings, status } = model;
  const onboarding = status !== null && !status.configured;
  return (
    <LensRoot theme={settings.theme} className="rl-options">
      <main className="rl-options-main">
        <h1 className="rl-options-title">Recotap Lens settings</h1>
        {onboarding ? (
          <ol className="rl-card-section" aria-label="Getting started">
            <li>1. Paste your Recotap API key below.</li>
            <li>2. Press Test connection: you should see your team&apos;s account count.</li>
            <li>3. Press Save, then enter your work e-mail.</li>
          </ol>
        ) : null}
        <ConnectionSection apiBase={settings.apiBase} locked={settings.locked.includes('apiBase')} status={status} actions={actions} />
        <RepSection key={settings.repEmail} email={settings.repEmail} onSave={actions.saveRepEmail} />
        <SyncSection sync={settings.sync} status={status} storageBytes={model.storageBytes} actions={actions} />
        <SitesSection settings={settings} sites={model.sites} onChange={actions.saveSitePref} />
        <section className="rl-card-section" aria-labelledby={`${uid}-theme`}>
          <h2 id={`${uid}-theme`}>Appearance</h2>
          <label className="rl-label" htmlFor={`${uid}-theme-select`}>
            Theme
          </label>
          <select
            id={`${uid}-theme-select`}
            className="rl-select rl-input-short"
            value={settings.theme}
            onChange={(e) => void actions.saveTheme(e.target.value as Theme)}
          >
            <option value="system">Match the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
        </section>
        <PermissionsSection />
      </main>
    </LensRoot>
  );
}
