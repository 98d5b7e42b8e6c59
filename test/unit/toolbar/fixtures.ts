/** Builders for toolbar tests: view-model results and tiny stubs of the browser APIs fake-browser lacks. */
import { LookupResultSchema, scoreBand, type LookupResult, type PageContext } from '../../../utils/view-models';

export const STAGES = ['Unaware', 'Aware', 'Engaged', 'Opportunity', 'Customer'];

/** A 'found' result, validated through the real schema so fixtures cannot drift from it. */
export function found(opts: {
  score?: number;
  stage?: string;
  previousStage?: string | null;
  stale?: boolean;
  rtpAid?: string;
  stages?: string[];
} = {}): LookupResult {
  const score = opts.score ?? 87;
  const stage = opts.stage ?? 'Engaged';
  return LookupResultSchema.parse({
    state: 'found',
    matchedBy: 'website',
    stale: opts.stale ?? false,
    stages: opts.stages ?? STAGES,
    account: {
      rtpAid: opts.rtpAid ?? 'rtp-acme',
      name: 'Acme Robotics',
      domain: 'acmerobotics.com',
      score,
      band: scoreBand(score, stage),
      stage,
      intent: { linkedin: 10, website: 20, g2: 0, bombora: 5 },
      updatedAt: '2026-11-26T00:00:00.000Z',
      fetchedAt: '2026-11-27T00:00:00.000Z',
      changedSinceSeen:
        opts.previousStage == null
          ? null
          : { seenAt: '2026-11-20T00:00:00.000Z', previousScore: 50, previousStage: opts.previousStage },
    },
  });
}

export const context = (url = 'https://app.hubspot.com/contacts/1/record/0-2/456'): PageContext => ({
  site: 'hubspot',
  url,
  recordId: '456',
  websites: ['https://www.acmerobotics.com'],
  emails: [],
  contacts: [],
});

/** A browser event with a way to fire it, for APIs fake-browser 1.5.2 leaves unimplemented. */
export function stubEvent<A extends unknown[]>() {
  const listeners: ((...args: A) => unknown)[] = [];
  return {
    addListener: (fn: (...args: A) => unknown) => void listeners.push(fn),
    fire: (...args: A) => listeners.map((fn) => fn(...args)),
    get count() {
      return listeners.length;
    },
  };
}

/**
 * contextMenus as Chrome behaves: create() reports a duplicate id through runtime.lastError in its
 * callback, removeAll() is asynchronous.
 */
export function stubContextMenus(runtime: { lastError?: unknown }) {
  const items = new Map<string, { title: string; contexts: string[] }>();
  const errors: string[] = [];
  return {
    items,
    errors,
    onClicked: stubEvent<[info: { menuItemId: string | number; selectionText?: string; linkUrl?: string }, tab?: { id?: number }]>(),
    async removeAll() {
      await new Promise((r) => setTimeout(r, 1));
      items.clear();
    },
    create(props: { id: string; title: string; contexts: string[] }, callback?: () => void) {
      setTimeout(() => {
        if (items.has(props.id)) {
          runtime.lastError = { message: `Cannot create item with duplicate id ${props.id}` };
          errors.push(props.id);
        } else items.set(props.id, { title: props.title, contexts: props.contexts });
        callback?.();
        runtime.lastError = undefined;
      }, 0);
      return props.id;
    },
  };
}

/** chrome.sidePanel.open / browser.sidebarAction.open, recording each call as it happens. */
export function stubPanels() {
  const calls: { api: 'sidePanel' | 'sidebarAction'; tabId?: number }[] = [];
  return {
    calls,
    sidePanel: { open: async (o: { tabId?: number }) => void calls.push({ api: 'sidePanel', tabId: o.tabId }) },
    sidebarAction: { open: async () => void calls.push({ api: 'sidebarAction' }) },
  };
}
