import { forwardRef } from 'react';
import { ShortcutList } from '../ShortcutList';
import type { Shortcut } from '../shortcuts';

/** Where to try Recotap Lens first, per supported site (adapter id → a page that leads to records). */
const TRY_IT: Record<string, string> = {
  'salesforce-lightning': 'https://login.salesforce.com/',
  hubspot: 'https://app.hubspot.com/',
  dynamics: 'https://home.dynamics.com/',
  pipedrive: 'https://app.pipedrive.com/',
  zoho: 'https://crm.zoho.com/',
  linkedin: 'https://www.linkedin.com/',
  gmail: 'https://mail.google.com/',
  outlook: 'https://outlook.office.com/mail/',
};

/** The end of onboarding: connected and the e-mail saved; where to try it, and the shortcuts. */
export const AllSetCard = forwardRef<HTMLHeadingElement, { sites: { id: string; label: string }[]; shortcuts: Shortcut[] }>(function AllSetCard(
  { sites, shortcuts },
  headingRef,
) {
  const links = sites.filter((s) => TRY_IT[s.id]);
  return (
    <section className="rl-card-section rl-all-set" aria-labelledby="rl-all-set-h">
      <h2 id="rl-all-set-h" ref={headingRef} tabIndex={-1}>
        All set
      </h2>
      <p>Recotap Lens is connected and knows your work e-mail. Open an account, contact, lead or deal record, a LinkedIn company page or a Gmail thread: the Recotap panel shows that company&apos;s intent.</p>
      <p className="rl-label">Try it</p>
      <ul className="rl-try-links">
        {links.map((s) => (
          <li key={s.id}>
            <a href={TRY_IT[s.id]} target="_blank" rel="noreferrer">
              {s.label}
            </a>
          </li>
        ))}
      </ul>
      <ShortcutList shortcuts={shortcuts} />
    </section>
  );
});
