import { useId, useState } from 'react';
import { browser } from '#imports';
import { moversSettingsItem, moversSettingsSetting, type MoversSettings } from '@/utils/settings';
import { useSetting } from '../use-setting';
import { FollowSegments, type FollowSegmentsProps } from './FollowSegments';
import './movers.css';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * Options: "What changed for my accounts" — the toolbar count (on by default) and the opt-in
 * notification. Turning notifications on asks for the 'notifications' permission first (it is
 * optional in the manifest, so installing never asks for it).
 */
export function MoversSettingsSection({ listSegments }: Pick<FollowSegmentsProps, 'listSegments'> = {}) {
  const uid = useId();
  const stored = useSetting(moversSettingsItem);
  const settings = stored ?? moversSettingsSetting.fallback;
  const [note, setNote] = useState<string | null>(null);
  const save = (patch: Partial<MoversSettings>) => void moversSettingsItem.setValue({ ...settings, ...patch });

  function toggleNotifications(on: boolean) {
    setNote(null);
    if (!on) return save({ notifications: false });
    // requested inside the click (a user gesture is required)
    browser.permissions.request({ permissions: ['notifications'] }).then(
      (granted) => (granted ? save({ notifications: true }) : setNote('Notifications stay off: the browser did not grant the permission.')),
      () => setNote('Notifications stay off: the browser did not grant the permission.'),
    );
  }

  return (
    <section className="rl-card-section" aria-labelledby={`${uid}-h`}>
      <h2 id={`${uid}-h`}>What changed for my accounts</h2>
      <p className="rl-muted">
        Accounts you view on a record page, pin, log activity for or add to Recotap are watched. After each sync, the
        popup&apos;s Movers tab lists those whose score, band, stage or intent changed.
      </p>
      <FollowSegments listSegments={listSegments} />
      <label className="rl-check">
        <input type="checkbox" checked={settings.badge} onChange={(e) => save({ badge: e.target.checked })} />
        Show the number of changed accounts on the toolbar icon (on pages without a record)
      </label>
      <label className="rl-check">
        <input type="checkbox" checked={settings.notifications} onChange={(e) => toggleNotifications(e.target.checked)} />
        Notify me after a sync when a watched account turns Hot or changes stage (at most one notification per sync)
      </label>
      {note ? <p role="alert">{note}</p> : null}
      <fieldset className="rl-fieldset" disabled={!settings.notifications}>
        <legend className="rl-label">Quiet hours (no notifications)</legend>
        <label className="rl-label" htmlFor={`${uid}-from`}>
          From
        </label>
        <select id={`${uid}-from`} className="rl-select rl-select-fit" value={settings.quietFromHour} onChange={(e) => save({ quietFromHour: Number(e.target.value) })}>
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {hourLabel(h)}
            </option>
          ))}
        </select>
        <label className="rl-label" htmlFor={`${uid}-to`}>
          To
        </label>
        <select id={`${uid}-to`} className="rl-select rl-select-fit" value={settings.quietToHour} onChange={(e) => save({ quietToHour: Number(e.target.value) })}>
          {HOURS.map((h) => (
            <option key={h} value={h}>
              {hourLabel(h)}
            </option>
          ))}
        </select>
        <p className="rl-muted">The same hour in both means no quiet hours.</p>
      </fieldset>
    </section>
  );
}
