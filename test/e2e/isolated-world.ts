/**
 * The attacker's seat for security tests: code evaluated in our content script's isolated world (the
 * JavaScript context crm.js and linkedin.js run in, with their chrome.* APIs), over CDP. This is
 * what a bug in a content script that lets page data run as code would get.
 */
import type { CDPSession, Page } from '@playwright/test';

/** Name Chromium gives our content scripts' isolated world: the extension's name. */
const WORLD_NAME = 'Recotap Lens';

export interface IsolatedWorld {
  /** evaluates an expression (awaited, returned by value) in the content script's world */
  evaluate<T>(expression: string): Promise<T>;
  detach(): Promise<void>;
}

/** Opens a CDP session on the page; call before page.goto so the world's creation is seen. */
export async function watchIsolatedWorlds(page: Page): Promise<{ cdp: CDPSession; names: () => string[]; world: (timeoutMs?: number) => Promise<IsolatedWorld> }> {
  const cdp = await page.context().newCDPSession(page);
  const contexts = new Map<number, { name: string; type?: string; frameId?: string }>();
  cdp.on('Runtime.executionContextCreated', (e) => {
    const aux = (e.context.auxData ?? {}) as { type?: string; frameId?: string };
    contexts.set(e.context.id, { name: e.context.name, ...aux });
  });
  cdp.on('Runtime.executionContextDestroyed', (e) => contexts.delete(e.executionContextId));
  cdp.on('Runtime.executionContextsCleared', () => contexts.clear());
  await cdp.send('Runtime.enable');
  const mainFrameId = async () => ((await cdp.send('Page.getFrameTree')).frameTree.frame.id);
  return {
    cdp,
    /** names of the isolated worlds now in the page's main frame (Playwright's own utility worlds left out) */
    names: () => [...contexts.values()].filter((c) => c.type === 'isolated' && !c.name.startsWith('__playwright')).map((c) => c.name),
    async world(timeoutMs = 10_000) {
      const frameId = await mainFrameId();
      const deadline = Date.now() + timeoutMs;
      let id: number | undefined;
      while (!(id = [...contexts].find(([, c]) => c.name === WORLD_NAME && c.frameId === frameId)?.[0])) {
        if (Date.now() > deadline) throw new Error(`no "${WORLD_NAME}" isolated world in ${page.url()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const contextId = id;
      return {
        async evaluate<T>(expression: string): Promise<T> {
          const r = await cdp.send('Runtime.evaluate', { contextId, expression, awaitPromise: true, returnByValue: true });
          if (r.exceptionDetails) throw new Error(`isolated world: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
          return r.result.value as T;
        },
        detach: () => cdp.detach().catch(() => undefined),
      };
    },
  };
}
