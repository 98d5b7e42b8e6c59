import { accountUrl } from '@/utils/account-url';
import { accountUrlTemplateSetting } from '@/utils/content-settings';
import { useContentSetting } from './content-panel/use-content-setting';
import { useManagedTemplate } from './use-managed-template';

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
