// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createPanelHost } from '@/components/content-panel/shadow-host';

afterEach(() => {
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

describe('createPanelHost', () => {
  it('puts the panel and its CSS in a shadow root appended last to <body>, nothing in the page', () => {
    document.body.innerHTML = '<main id="crm">record</main>';
    const headBefore = document.head.innerHTML;
    const host = createPanelHost(document, { name: 'recotap-lens-panel', css: '.rl-root{color:red}' });
    expect(host.host.isConnected).toBe(false); // built first, attached on demand
    host.attach();

    expect(document.body.lastElementChild).toBe(host.host);
    expect(host.host.tagName).toBe('RECOTAP-LENS-PANEL');
    expect(host.host.shadowRoot).toBe(host.shadow);
    expect(host.shadow.querySelector('html > head > style')?.textContent).toBe(':host{all:initial !important;}\n.rl-root{color:red}');
    expect(host.container.tagName).toBe('BODY');
    expect(host.container.parentElement?.tagName).toBe('HTML');
    // the page gains one element and no stylesheet
    expect(document.head.innerHTML).toBe(headBefore);
    expect(document.querySelectorAll('style, link').length).toBe(0);
    expect(document.body.innerHTML).toBe('<main id="crm">record</main><recotap-lens-panel></recotap-lens-panel>');
  });

  it("keeps keystrokes typed in the panel away from the page's shortcuts, other events still bubble", () => {
    const host = createPanelHost(document, { name: 'recotap-lens-panel', css: '' });
    host.attach();
    const input = document.createElement('input');
    host.container.append(input);
    const seen: string[] = [];
    for (const type of ['keydown', 'keyup', 'keypress', 'click']) document.addEventListener(type, () => seen.push(type));

    for (const type of ['keydown', 'keyup', 'keypress']) input.dispatchEvent(new KeyboardEvent(type, { key: 'j', bubbles: true, composed: true }));
    input.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(seen).toEqual(['click']);

    // the page's own keys are untouched
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }));
    expect(seen).toEqual(['click', 'keydown']);
  });

  it('remove() takes the panel out of the page (twice is harmless)', () => {
    const host = createPanelHost(document, { name: 'recotap-lens-panel', css: '' });
    host.attach();
    host.remove();
    host.remove();
    expect(document.querySelector('recotap-lens-panel')).toBeNull();
  });
});
