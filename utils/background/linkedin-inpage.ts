/**
 * The opt-in in-page panel on LinkedIn. LinkedIn's pages get only the read-only linkedin.content
 * script from the manifest; when the rep turns on "Show the panel on LinkedIn pages", the background
 * registers the in-page panel script (inpage.content: the panel in a shadow root) for LinkedIn's match patterns at runtime,
 * and unregisters it when the rep turns it off. The outcome is written to linkedinInPageStateItem:
 * linkedin.content reads it to stand down (the CRM script then sends the lookups, so each record is
 * looked up once) and the options page shows errors.
 */
import { storage } from '#imports';
import {
  linkedinInPageStateItem,
  readManagedPolicy,
  readSetting,
  sitePrefsItem,
  parseSetting,
  wantsLinkedInInPage,
  type EffectiveSettings,
  type LinkedInInPageState,
} from '@/utils/settings';
import { LINKEDIN_MATCHES } from '@/utils/sites/hosts';

export const LINKEDIN_INPAGE_SCRIPT_ID = 'recotap-lens-linkedin-inpage';
/** The built inpage.content entrypoint: the panel in a shadow root (WXT names it after the entrypoint directory). */
export const INPAGE_SCRIPT_FILE = 'content-scripts/inpage.js';

/** The part of chrome.scripting / browser.scripting this module uses. */
export interface ScriptingApi {
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string; js?: string[]; matches?: string[] }[]>;
  registerContentScripts(scripts: {
    id: string;
    js: string[];
    matches: string[];
    runAt: 'document_idle';
    allFrames: boolean;
    persistAcrossSessions: boolean;
  }[]): Promise<unknown>;
  unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
}

export interface LinkedInInPageDeps {
  /** undefined where the browser has no scripting API (or the permission is missing) */
  scripting: ScriptingApi | undefined;
  readSettings?: () => Promise<Pick<EffectiveSettings, 'sitePrefs' | 'managedSites'>>;
  writeState?: (state: LinkedInInPageState) => Promise<void>;
  matches?: readonly string[];
}

const NO_API = 'This browser does not let Recotap Lens add its panel to LinkedIn pages; the account still shows in the side panel.';
const sameList = (a: readonly string[] | undefined, b: readonly string[]) =>
  !!a && a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/** Keeps the runtime registration in step with the settings; reconcile() is idempotent and serialised. */
export function createLinkedInInPage(deps: LinkedInInPageDeps) {
  const { scripting } = deps;
  const readSettings = deps.readSettings ?? readSiteSettings;
  const writeState = deps.writeState ?? writeStoredState;
  const matches = [...(deps.matches ?? LINKEDIN_MATCHES)];
  const ids = [LINKEDIN_INPAGE_SCRIPT_ID];
  let queue: Promise<LinkedInInPageState> = Promise.resolve({ active: false, error: null });

  async function apply(): Promise<LinkedInInPageState> {
    const want = wantsLinkedInInPage(await readSettings());
    if (!scripting) return { active: false, error: want ? NO_API : null };
    try {
      const current = (await scripting.getRegisteredContentScripts({ ids })).find((s) => s.id === ids[0]);
      if (!want) {
        // stand linkedin.content up again before the CRM script goes, so no page load is left without lookups
        await writeState({ active: false, error: null });
        if (current) await scripting.unregisterContentScripts({ ids });
        return { active: false, error: null };
      }
      if (current && sameList(current.js, [INPAGE_SCRIPT_FILE]) && sameList(current.matches, matches)) return { active: true, error: null };
      // an older registration (another file or other hosts after an update) is replaced
      if (current) await scripting.unregisterContentScripts({ ids });
      await scripting.registerContentScripts([
        { id: ids[0]!, js: [INPAGE_SCRIPT_FILE], matches, runAt: 'document_idle', allFrames: false, persistAcrossSessions: true },
      ]);
      return { active: true, error: null };
    } catch (e) {
      const registered = await scripting.getRegisteredContentScripts({ ids }).then((l) => l.length > 0, () => false);
      const why = e instanceof Error ? e.message : String(e);
      return { active: registered, error: want ? `Could not add the panel to LinkedIn pages (${why.slice(0, 300)}).` : null };
    }
  }

  return {
    /** Register or unregister to match the settings; resolves to the state it wrote. */
    reconcile(): Promise<LinkedInInPageState> {
      queue = queue.then(apply, apply).then(async (state) => {
        await writeState(state).catch(() => undefined);
        return state;
      });
      return queue;
    },
  };
}

/** Writes the state only when it changed: every worker start reconciles, and each write wakes watchers. */
async function writeStoredState(state: LinkedInInPageState): Promise<void> {
  const now = await readSetting(linkedinInPageStateItem);
  if (now.active !== state.active || now.error !== state.error) await linkedinInPageStateItem.setValue(state);
}

/**
 * The site settings straight from storage: the background's settings cache may not have seen the
 * change that triggered this reconcile yet (storage listeners run in no guaranteed order).
 */
async function readSiteSettings(): Promise<Pick<EffectiveSettings, 'sitePrefs' | 'managedSites'>> {
  const [raw, policy] = await Promise.all([sitePrefsItem.getValue().catch(() => ({})), readManagedPolicy()]);
  return { sitePrefs: parseSetting(sitePrefsItem.decl, raw), managedSites: policy.enabledSites ?? null };
}

/**
 * Background wiring: reconcile now (every worker start, which covers browser start, install and
 * update) and whenever the rep's site choices or the admin's site allow-list change.
 */
export function startLinkedInInPage(deps: LinkedInInPageDeps): { reconcile: () => void } {
  const inPage = createLinkedInInPage(deps);
  const reconcile = () => void inPage.reconcile().catch((e: unknown) => console.debug('[recotap-lens]', e));
  reconcile();
  sitePrefsItem.watch(reconcile);
  try {
    storage.watch('managed:enabledSites', reconcile);
  } catch {
    // no managed storage events in this browser: the policy is read at each worker start
  }
  return { reconcile };
}
