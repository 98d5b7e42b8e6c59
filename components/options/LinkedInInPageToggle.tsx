import { useId } from 'react';
import { linkedinInPageStateItem, wantsLinkedInInPage, type EffectiveSettings } from '@/utils/settings';
import { useSetting } from '../use-setting';
import type { OptionsActions } from './options-types';

export const LINKEDIN_USER_AGREEMENT = 'https://www.linkedin.com/legal/user-agreement';

/**
 * The opt-in for the in-page panel on LinkedIn (off by default), with LinkedIn's terms next to it.
 * Saving sets LinkedIn's surface; the background then registers the panel's script for LinkedIn.
 */
export function LinkedInInPageToggle({
  settings,
  enabled,
  onChange,
}: {
  settings: EffectiveSettings;
  /** is LinkedIn itself on (rep's switch or the admin's allow-list)? */
  enabled: boolean;
  onChange: OptionsActions['saveSitePref'];
}) {
  const uid = useId();
  const on = wantsLinkedInInPage(settings);
  const state = useSetting(linkedinInPageStateItem);
  return (
    <fieldset className="rl-fieldset" aria-describedby={`${uid}-terms ${uid}-reload`}>
      <legend className="rl-label">LinkedIn</legend>
      <label className="rl-check">
        <input
          type="checkbox"
          checked={on}
          disabled={!enabled}
          onChange={(e) => void onChange('linkedin', { surface: e.target.checked ? 'in-page' : 'side-panel' })}
        />
        Show the panel on LinkedIn pages
      </label>
      <p id={`${uid}-terms`} className="rl-muted">
        Off by default. LinkedIn&apos;s{' '}
        <a href={LINKEDIN_USER_AGREEMENT} target="_blank" rel="noreferrer">
          User Agreement
        </a>{' '}
        (section 8.2) does not allow browser extensions or plug-ins that change LinkedIn&apos;s pages. With this off, Recotap
        Lens only reads the LinkedIn page you are looking at and shows the account in the browser&apos;s side panel. Turn it on
        only if you and your company accept that.
      </p>
      <p id={`${uid}-reload`} className="rl-muted">
        LinkedIn tabs that are already open change after you reload them.
      </p>
      {on && state?.error ? (
        <p role="alert" className="rl-locked">
          {state.error}
        </p>
      ) : null}
    </fieldset>
  );
}
