import { useId } from 'react';
import { isSiteEnabled, siteSurface, type EffectiveSettings, type PanelSurface } from '@/utils/settings';
import { LinkedInInPageToggle } from './LinkedInInPageToggle';
import { LockedNote } from './LockedNote';
import type { OptionsActions } from './options-types';

/** Per-site on/off and where the panel shows (in the page or in the browser's side panel). */
export function SitesSection({
  settings,
  sites,
  onChange,
}: {
  settings: EffectiveSettings;
  sites: { id: string; label: string }[];
  onChange: OptionsActions['saveSitePref'];
}) {
  const uid = useId();
  const locked = settings.locked.includes('sites');
  // sites the rep turned off ("Hide on this site" in the panel writes the same switch); IT's list is not the rep's to undo
  const hidden = locked ? [] : sites.filter((site) => !isSiteEnabled(settings, site.id));
  return (
    <section className="rl-card-section" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>Sites {locked ? <LockedNote /> : null}</h2>
      <p className="rl-muted">
        LinkedIn&apos;s terms restrict extensions that change its pages, so on LinkedIn the account shows in the browser&apos;s side
        panel by default and Recotap Lens only reads the page you are looking at (see the LinkedIn switch below the table).
      </p>
      {hidden.length > 0 ? (
        <div className="rl-hidden-sites">
          <h3 id={`${uid}-hidden`} className="rl-label">
            Turned off (with the panel&apos;s × or here)
          </h3>
          <ul aria-labelledby={`${uid}-hidden`}>
            {hidden.map((site) => (
              <li key={site.id}>
                <span>{site.label}</span>
                <button type="button" className="rl-btn" aria-label={`Show again on ${site.label}`} onClick={() => void onChange(site.id, { enabled: true })}>
                  Show again
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <table className="rl-sites">
        <thead>
          <tr>
            <th scope="col">Site</th>
            <th scope="col">On</th>
            <th scope="col">Show the account</th>
          </tr>
        </thead>
        <tbody>
          {sites.map((site) => {
            const enabled = isSiteEnabled(settings, site.id);
            // LinkedIn: side panel unless the rep opts in below (that switch explains LinkedIn's terms)
            const optIn = site.id === 'linkedin';
            return (
              <tr key={site.id}>
                <th scope="row">{site.label}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Use Recotap Lens on ${site.label}`}
                    checked={enabled}
                    disabled={locked}
                    onChange={(e) => void onChange(site.id, { enabled: e.target.checked })}
                  />
                </td>
                <td>
                  <select
                    className="rl-select"
                    aria-label={`Where to show the account on ${site.label}`}
                    value={siteSurface(settings, site.id)}
                    disabled={!enabled || optIn}
                    onChange={(e) => void onChange(site.id, { surface: e.target.value as PanelSurface })}
                  >
                    <option value="in-page">{optIn ? 'In the page and the side panel' : 'In the page'}</option>
                    <option value="side-panel">Browser side panel</option>
                  </select>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {sites.some((s) => s.id === 'linkedin') ? (
        <LinkedInInPageToggle settings={settings} enabled={isSiteEnabled(settings, 'linkedin')} onChange={onChange} />
      ) : null}
    </section>
  );
}
