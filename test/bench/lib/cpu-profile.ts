/**
 * Reading a V8 CPU profile (CDP Profiler.Profile) by function, for the profiling tools
 * (test/bench/profile-content.ts, profile-lookup.ts): each sample's stack, and ranked tables.
 */
import path from 'node:path';

export interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfileFull {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Each sample's stack (leaf first) and the ms it stands for (the time until the next sample). */
export function* sampledStacks(profile: CpuProfileFull): Generator<{ ms: number; stack: ProfileNode[] }> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const stack: ProfileNode[] = [];
    for (let id: number | undefined = samples[i]; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!);
    yield { ms: (deltas[i + 1] ?? 0) / 1000, stack };
  }
}

/** "name file:line" of a frame. */
export const frameKey = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${path.basename(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

/** Adds `ms` to every distinct frame of `frames` (inclusive time: recursion counted once). */
export function addInclusive(incl: Map<string, number>, frames: readonly ProfileNode[], ms: number): void {
  const seen = new Set<string>();
  for (const n of frames) {
    const k = frameKey(n);
    if (seen.has(k)) continue;
    seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + ms);
  }
}

/** The `n` largest entries as lines "  x.xx ms  name", each divided by `per`. */
export function topLines(m: Map<string, number>, n: number, per: number, digits = 2): string {
  return [...m]
    .sort((x, y) => y[1] - x[1])
    .slice(0, n)
    .map(([k, v]) => `${(v / per).toFixed(digits).padStart(8)} ms  ${k}`)
    .join('\n');
}
