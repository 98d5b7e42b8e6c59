/**
 * Whose JavaScript a page's main thread ran, from a V8 CPU profile of one visit: each sample goes
 * to the extension when any frame of its stack comes from a chrome-extension:// script (the
 * content script and the DOM calls it makes), else to the page when a frame comes from the page.
 * Both shares come from the same visit, so the machine's load stretches them alike: unlike two
 * visits' ScriptDuration, their ratio does not swing with what other processes did meanwhile.
 */

/** The parts of a CDP Profiler.Profile this reads. */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface ScriptShare {
  /** ms of samples with an extension frame on the stack */
  extension: number;
  /** ms of samples with a page frame and no extension frame */
  page: number;
  /** ms the profile spent in the garbage collector (shared heap: not attributed) */
  gc: number;
}

/** Splits a profile's sampled time between the extension and the page. */
export function scriptShare(profile: CpuProfile, isExtension = (url: string) => url.startsWith('chrome-extension://')): ScriptShare {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // owner of each node: 'ext' if it or an ancestor is extension code, else 'page' if it or an ancestor is page code
  const owner = new Map<number, 'ext' | 'page' | 'gc' | null>();
  const ownerOf = (id: number): 'ext' | 'page' | 'gc' | null => {
    const known = owner.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const url = node?.callFrame.url ?? '';
    const up = parent.get(id);
    const above = up === undefined ? null : ownerOf(up);
    const mine = node?.callFrame.functionName === '(garbage collector)' ? 'gc' : isExtension(url) ? 'ext' : url ? 'page' : null;
    const result = above === 'ext' || mine === 'ext' ? 'ext' : mine === 'gc' ? 'gc' : (above ?? mine);
    owner.set(id, result);
    return result;
  };
  const out: ScriptShare = { extension: 0, page: 0, gc: 0 };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // a sample stands for the time until the next one
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const who = ownerOf(samples[i]!);
    if (who === 'ext') out.extension += ms;
    else if (who === 'page') out.page += ms;
    else if (who === 'gc') out.gc += ms;
  }
  return out;
}
