import { useEffect, useState } from 'react';
import { browser } from '#imports';

/**
 * The managed policy's account URL template (IT), which wins over the rep's; '' when there is none.
 * Read here rather than through getEffectiveSettings so the in-page panel needs no background trip.
 */
export function useManagedTemplate(): string {
  const [value, setValue] = useState('');
  useEffect(() => {
    let live = true;
    Promise.resolve()
      .then(() => browser.storage.managed.get('accountUrlTemplate'))
      .then((r) => live && typeof r?.accountUrlTemplate === 'string' && setValue(r.accountUrlTemplate))
      .catch(() => undefined); // no policy (Firefox throws), or no managed area
    return () => {
      live = false;
    };
  }, []);
  return value;
}
