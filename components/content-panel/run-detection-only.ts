/**
 * Detection without any UI, for sites whose account shows in the browser side panel (LinkedIn).
 * Each record page is sent as lookupContext: the background records the tab's context and result
 * (getTabResult), paints the badge and tells an open side panel (tabResultChanged). No React, no
 * panel code: this bundle stays small because nothing is injected into the page.
 *
 * When the rep opted in to the in-page panel on LinkedIn, the background registered the CRM content
 * script here too (utils/background/linkedin-inpage.ts). That script sends the lookups (its panel
 * needs the answers, and the background records them for the side panel and badge just the same),
 * so this one stands down: one lookup per record, one panel.
 */
import type { ContentScriptContext } from '#imports';
import { sendMessage } from '@/utils/messaging';
import { isSiteEnabled, linkedinInPageSetting, readContentSetting, readContentSiteSettings } from '@/utils/content-settings';
import type { AnySiteAdapter } from '@/utils/sites/types';
import { startSiteDetection } from '@/utils/sites/runtime';
import { backgroundNudges } from './location-nudges';
import type { PageContext } from '@/utils/view-models';

/** Start detection for this content-script context; lookups only feed the background's tab state. */
export async function runDetectionOnly(ctx: ContentScriptContext, adapters: readonly AnySiteAdapter[]): Promise<void> {
  const [settings, inPage] = await Promise.all([readContentSiteSettings(), readContentSetting(linkedinInPageSetting)]);
  // decided once per page load, like the registration: the CRM script came with this load or not
  if (inPage.active) return;
  const enabledSites = adapters.map((a) => a.id).filter((id) => isSiteEnabled(settings, id));
  let last: string | null = null;
  startSiteDetection({
    adapters,
    window,
    signal: ctx.signal,
    enabledSites,
    listenForNudges: backgroundNudges(ctx),
    onContext: (context: PageContext | null) => {
      const key = context ? JSON.stringify(context) : null;
      if (!context || context.read?.status === 'reading' || key === last) return;
      last = key;
      sendMessage('lookupContext', context).catch((e: unknown) => console.debug('[recotap-lens]', e));
    },
  });
}
