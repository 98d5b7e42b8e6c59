/**
 * Whose work a Firefox content process's main thread did, from a Gecko profile (the raw JSON the
 * profiler writes at shutdown with MOZ_PROFILER_STARTUP / MOZ_PROFILER_SHUTDOWN): the Firefox
 * counterpart of script-share.ts. Each sample of a GeckoMain thread within a time window goes to
 *
 * - the content script when a JavaScript frame of its stack comes from a moz-extension://
 *   …/content-scripts/ script (the DOM calls it makes are in the same stack);
 * - the panel's script when it comes from any other moz-extension:// script (the panel iframe's
 *   React and its messaging, which Firefox runs on the page's thread);
 * - the add-on's other work when the innermost label of its stack names a moz-extension:// URL
 *   (the profiler labels a document's reflow and layout with its URL: the panel iframe's). The
 *   frames' innerWindowID is not used: in firefox-esr 153 native labels inside the page's own
 *   script (nsCSSFrameConstructor under the page's table rewrite) carried the panel frame's window.
 *   The panel's style and paint are done in the page's refresh tick, unlabelled: not attributed
 *   (a lower bound; the busy meter's paired visits count them);
 * - the page's script when a JavaScript frame comes from the page (any other http(s) script);
 * - otherwise the page's other work (its style, layout, paint, the browser's own work), or idle:
 *   a sample in which the thread used less than a quarter of the interval's CPU time (the
 *   profiler's threadCPUDelta), or whose leaf is in the Idle category.
 *
 * Both sides come from the same visit, so the machine's load stretches them alike: unlike two
 * browsers' busy times, their ratio does not swing with what other processes did meanwhile.
 */

/** The parts of the raw Gecko profile format this reads (schemas are looked up, not assumed). */
interface Table {
  schema: Record<string, number>;
  data: (unknown[] | null)[];
}
export interface GeckoThread {
  name: string;
  pid?: number | string;
  samples: Table;
  stackTable: Table;
  frameTable: Table;
  stringTable: string[];
}
export interface GeckoProfile {
  meta: { startTime: number; interval: number; categories?: { name: string }[]; sampleUnits?: { threadCPUDelta?: string } };
  threads: GeckoThread[];
  processes?: GeckoProfile[];
}

export interface GeckoShare {
  /** ms of samples whose stack runs the add-on's content script */
  contentScript: number;
  /** ms of samples whose stack runs another moz-extension:// script (the panel iframe's) */
  frameScript: number;
  /** ms of samples working for an add-on document (its style, layout, events) outside its script */
  addonOther: number;
  /** ms of samples running the page's own script (and not the add-on's) */
  pageScript: number;
  /** ms of all samples that were not idle (page, add-on, browser work on this thread) */
  busy: number;
}

const EMPTY: GeckoShare = { contentScript: 0, frameScript: 0, addonOther: 0, pageScript: 0, busy: 0 };

const isAddonUrl = (s: string) => s.includes('moz-extension://');
/** a JavaScript frame's location: "name (url:line:col)[id]" or "url[id]" */
export const jsUrl = (s: string): string | null => {
  const m = /(?:\(|^)((?:moz-extension|https?):\/\/[^\s)[]+)/.exec(s);
  return m ? m[1]! : null;
};

/** Every thread of the profile (the parent's and each content process's) with its time base (epoch ms). */
export function threadsOf(p: GeckoProfile): { thread: GeckoThread; startTime: number }[] {
  return [...p.threads.map((thread) => ({ thread, startTime: p.meta.startTime })), ...(p.processes ?? []).flatMap(threadsOf)];
}

/**
 * The share of the main thread that ran `pageUrl`'s document, from `from` to `to` (epoch ms, as
 * performance.timeOrigin + now() in the page gives). The thread is the GeckoMain thread that ran a
 * script of `pageUrl` in that window (each visit may get a new content process). Samples stand for
 * the time to the next sample, at most four sampling intervals (a longer gap is the profiler's, not work).
 */
export function geckoShare(profile: GeckoProfile, pageUrl: string, from: number, to: number): GeckoShare & { found: boolean } {
  const idleCat = profile.meta.categories?.findIndex((c) => c.name === 'Idle') ?? 0;
  const maxGap = 4 * profile.meta.interval;
  for (const { thread: t, startTime } of threadsOf(profile)) {
    if (t.name !== 'GeckoMain') continue;
    const fs = t.frameTable.schema;
    const frames = t.frameTable.data;
    const str = t.stringTable;
    // frame → its own kind
    const kind: ('contentJs' | 'frameJs' | 'pageJs' | 'addonLabel' | 'label' | null)[] = [];
    let runsPage = false;
    frames.forEach((row, i) => {
      const loc = row ? (str[row[fs.location!] as number] ?? '') : '';
      const url = jsUrl(loc);
      if (url && isAddonUrl(url)) kind[i] = url.includes('/content-scripts/') ? 'contentJs' : 'frameJs';
      else if (url) {
        kind[i] = 'pageJs';
        if (url.startsWith(pageUrl)) runsPage = true;
      } else if (/^[A-Z][\w ]*[a-z] (?:https?|moz-extension|about):/.test(loc)) kind[i] = isAddonUrl(loc) ? 'addonLabel' : 'label';
      else kind[i] = null;
    });
    if (!runsPage) continue;
    const ss = t.stackTable.schema;
    const stacks = t.stackTable.data;
    // script: the strongest JavaScript owner on the stack (0 none, 1 page, 3 panel, 4 content
    // script: the add-on wins over the page); document: the innermost label naming a document
    // ("Reflow <url>", "Layout <url>") says whose layout the work below it is
    const script = new Int8Array(stacks.length).fill(-1);
    const docIsAddon = new Int8Array(stacks.length).fill(-1);
    const resolve = (s: number): void => {
      if (script[s]! >= 0) return;
      const row = stacks[s]!;
      const prefix = row[ss.prefix!] as number | null;
      const f = row[ss.frame!] as number;
      let aboveScript = 0;
      let aboveDoc = 0;
      if (prefix !== null && prefix !== undefined) {
        resolve(prefix);
        aboveScript = script[prefix]!;
        aboveDoc = docIsAddon[prefix]!;
      }
      const k = kind[f];
      const mine = k === 'contentJs' ? 4 : k === 'frameJs' ? 3 : k === 'pageJs' ? 1 : 0;
      script[s] = Math.max(aboveScript, mine);
      docIsAddon[s] = k === 'addonLabel' ? 1 : k === 'label' ? 0 : aboveDoc;
    };
    const ownerOf = (s: number): number => {
      resolve(s);
      const js = script[s]!;
      return js >= 3 ? js : docIsAddon[s] === 1 ? 2 : js;
    };
    const leafCat = (s: number) => frames[stacks[s]![ss.frame!] as number]?.[fs.category!] as number | undefined;
    const xs = t.samples.schema;
    const cpuCol = xs.threadCPUDelta;
    const cpuScale = profile.meta.sampleUnits?.threadCPUDelta === 'µs' ? 1e3 : 1e6; // units per ms
    const samples = t.samples.data;
    const out = { ...EMPTY };
    let inWindow = false;
    for (let i = 0; i < samples.length; i++) {
      const row = samples[i]!;
      const time = startTime + (row[xs.time!] as number);
      if (time < from || time >= to) continue;
      const s = row[xs.stack!] as number | null;
      const next = samples[i + 1];
      const ms = next ? Math.min(maxGap, startTime + (next[xs.time!] as number) - time) : profile.meta.interval;
      inWindow = true;
      if (s === null || s === undefined || leafCat(s) === idleCat) continue;
      // the next sample's CPU delta covers the time this sample stands for
      const cpu = cpuCol === undefined || !next ? null : (next[cpuCol] as number | null | undefined);
      if (typeof cpu === 'number' && cpu < 0.25 * ms * cpuScale) continue;
      out.busy += ms;
      const o = ownerOf(s);
      if (o === 4) out.contentScript += ms;
      else if (o === 3) out.frameScript += ms;
      else if (o === 2) out.addonOther += ms;
      else if (o === 1) out.pageScript += ms;
    }
    if (inWindow) return { ...out, found: true };
  }
  return { ...EMPTY, found: false };
}
