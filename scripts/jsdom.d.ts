/** The part of jsdom's API that scripts/diagnose.ts uses (jsdom ships no types; @types/jsdom is not a dependency). */
declare module 'jsdom' {
  export class JSDOM {
    constructor(html: string, options?: { url?: string; runScripts?: 'dangerously' | 'outside-only'; resources?: 'usable' });
    readonly window: Window & typeof globalThis;
  }
}
