import { useEffect, useState } from 'react';
import { readSetting, watchSetting, type SettingItem } from '@/utils/settings';

/** Read a validated setting and follow its changes; `undefined` until the first read lands. */
export function useSetting<T>(item: SettingItem<T>): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let live = true;
    readSetting(item).then((v) => live && setValue(v), () => live && setValue(item.fallback));
    const unwatch = watchSetting(item, (v) => live && setValue(v));
    return () => {
      live = false;
      unwatch();
    };
  }, [item]);
  return value;
}
