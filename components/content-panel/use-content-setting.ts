import { useEffect, useState } from 'react';
import { readContentSetting, watchContentSetting, type SettingDecl } from '@/utils/content-settings';

/**
 * useSetting (components/use-setting.ts) for content scripts: same validated values, read with
 * chrome.storage directly so the panel bundle carries no @wxt-dev/storage.
 */
export function useContentSetting<T>(setting: SettingDecl<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    readContentSetting(setting).then((v) => live && setValue(v), () => live && setValue(setting.fallback));
    const unwatch = watchContentSetting(setting, (v) => live && setValue(v));
    return () => {
      live = false;
      unwatch();
    };
  }, [setting]);
  return value;
}
