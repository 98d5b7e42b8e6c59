import { useEffect, useState } from 'react';
import { readContentSetting, watchContentSetting, type SettingDecl } from '@/utils/content-settings';

/**
 * The last value of each setting this document read or was told of (by key). A component mounted
 * later (a panel section remounted for the next account on every SPA navigation) starts from it
 * instead of from nothing: it does not first render its default and then flip once storage answers.
 * While another component watches the same setting the remembered value is current and the new one
 * does not read storage again; otherwise its own read follows (the value may have changed while
 * nothing here watched it).
 */
const remembered = new Map<string, unknown>();
/** mounted components watching each setting */
const watching = new Map<string, number>();
/** settings whose remembered value is current: read or changed since watching began, still watched */
const current = new Set<string>();

const same = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

/**
 * useSetting (components/use-setting.ts) for content scripts: same validated values, read with
 * chrome.storage directly so the panel bundle carries no @wxt-dev/storage. undefined until the
 * first value is known in this document.
 */
export function useContentSetting<T>(setting: SettingDecl<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(() => remembered.get(setting.key) as T | undefined);
  useEffect(() => {
    const { key } = setting;
    let live = true;
    const update = (v: T) => {
      if (!live) return;
      remembered.set(key, v);
      current.add(key);
      // an equal value (the read confirming what was remembered) is no reason to render again
      setValue((old) => (old !== undefined && same(old, v) ? old : v));
    };
    const unwatch = watchContentSetting(setting, update);
    if (current.has(key)) update(remembered.get(key) as T); // (it may have changed since this render)
    else readContentSetting(setting).then(update, () => live && setValue((old) => old ?? setting.fallback));
    watching.set(key, (watching.get(key) ?? 0) + 1);
    return () => {
      live = false;
      unwatch();
      const left = (watching.get(key) ?? 1) - 1;
      watching.set(key, left);
      if (left === 0) current.delete(key); // nobody follows its changes any more
    };
  }, [setting]);
  return value;
}
