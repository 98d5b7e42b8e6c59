import { useEffect, useState } from 'react';
import { browser } from '#imports';
import { accountUrl } from '@/utils/account-url';
import { accountUrlTemplateSetting } from '@/utils/content-settings';
import { useContentSetting } from './content-panel/use-content-setting';

/** The managed policy's template (IT), which wins over the rep's; '' when there is none. */
function useManagedTemplate(): string {
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

/** "Open in Recotap ↗": shown only once a URL template is known (never a guessed URL). */
export function OpenInRecotap({ account }: { account: { rtpAid: string; domain: string; name: string } }) {
  const managed = useManagedTemplate();
  const own = useContentSetting(accountUrlTemplateSetting);
  const href = accountUrl(managed || own, account);
  if (!href) return null;
  return (
    <a className="rl-btn rl-btn-link" href={href} target="_blank" rel="noopener noreferrer" title={`Open ${account.name} in Recotap (new tab)`}>
      Open in Recotap<span aria-hidden="true"> ↗</span>
    </a>
  );
}
