import { useId } from 'react';

const PERMISSIONS: [string, string][] = [
  ['storage', 'Keeps your settings, the API key and pinned matches in this browser.'],
  ['unlimitedStorage', "Lets the local copy of your team's accounts grow past the default quota, so lookups work offline."],
  ['alarms', 'Wakes the extension on a schedule to sync changes and send queued activities.'],
  ['contextMenus', 'Adds "Look up in Recotap" to the right-click menu for selected text and links.'],
  ['sidePanel', "Shows the account in the browser's side panel (LinkedIn, or any site you choose)."],
  ['scripting', 'Used only if you turn on "Show the panel on LinkedIn pages": adds the account panel to LinkedIn pages then, and removes it when you turn the switch off. Off by default.'],
  ['Recotap API (eapi.recotap.com, sandboxapi.reco-tap.com)', 'The only servers Recotap Lens talks to: it reads scores and logs activities there.'],
  ['Supported CRM sites', 'Salesforce, HubSpot, Dynamics 365, Pipedrive, Zoho CRM, Gmail and LinkedIn: reads the record you are viewing to find its company. Nothing is sent anywhere but Recotap.'],
  ['Optional: other https sites', 'Asked for only when you add a custom CRM domain or a custom API address, and only for that address.'],
];

/** Explains each permission in plain words (docs/permissions.md has the full rationale). */
export function PermissionsSection() {
  const uid = useId();
  return (
    <section className="rl-card-section" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Permissions</h2>
      <dl className="rl-perm-list">
        {PERMISSIONS.map(([name, why]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{why}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
