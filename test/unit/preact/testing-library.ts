/**
 * What the panel tests import from @testing-library/react, for Preact: the "preact" project in
 * vitest.config.ts aliases @testing-library/react to this file (and react/react-dom to
 * preact/compat, as the inpage.js build does), so the same tests run the LinkedIn in-page panel's
 * components under the renderer that ships them. Built on @testing-library/dom and
 * preact/test-utils' act, as @testing-library/preact is; only what the tests use.
 */
import { configure, getQueriesForElement, prettyDOM } from '@testing-library/dom';
import { render as preactRender, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

export * from '@testing-library/dom';
export { act };

// user-event and fireEvent go through these: each event, and each waitFor, flushes Preact's
// pending renders and effects, as React's act does for @testing-library/react
configure({
  asyncWrapper: async (cb) => {
    let result: unknown;
    await act(() => {
      result = cb();
    });
    return result;
  },
  eventWrapper: (cb) => {
    let result: unknown;
    void act(() => {
      result = cb();
    });
    return result;
  },
});

const mounted = new Set<{ container: HTMLElement; ours: boolean }>();

export function render(ui: ComponentChild, options: { container?: HTMLElement; baseElement?: HTMLElement } = {}) {
  const baseElement = options.baseElement ?? options.container ?? document.body;
  const container = options.container ?? baseElement.appendChild(document.createElement('div'));
  mounted.add({ container, ours: !options.container });
  void act(() => void preactRender(ui, container));
  return {
    container,
    baseElement,
    debug: (el: Element = baseElement) => console.log(prettyDOM(el)),
    rerender: (next: ComponentChild) => void act(() => void preactRender(next, container)),
    unmount: () => void act(() => void preactRender(null, container)),
    ...getQueriesForElement(baseElement),
  };
}

export function cleanup(): void {
  for (const m of mounted) {
    void act(() => void preactRender(null, m.container));
    if (m.ours) m.container.remove();
  }
  mounted.clear();
}
