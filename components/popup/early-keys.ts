/**
 * Keys typed before the popup's search box exists. A rep opens the popup and starts typing at
 * once; until React has mounted the input, those keys land on <body> and would be lost. This buffer
 * listens from the first line of the popup's script and hands the text to the search box on mount.
 */
export interface EarlyKeys {
  /** the text typed so far; stops listening (call once, when the real input takes over) */
  take(): string;
}

/** Start buffering printable keys (and Backspace) typed on `doc` outside any input. */
export function captureEarlyKeys(doc: Document): EarlyKeys {
  let text = '';
  let done = false;
  const onKey = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
    const target = e.target as Element | null;
    if (target && target !== doc.body && target !== doc.documentElement) return; // a real field has focus
    if (e.key === 'Backspace') text = text.slice(0, -1);
    else if (e.key.length === 1 && text.length < 200) text += e.key;
    else return;
    e.preventDefault();
  };
  doc.addEventListener('keydown', onKey, true);
  return {
    take() {
      if (!done) doc.removeEventListener('keydown', onKey, true);
      done = true;
      return text;
    },
  };
}
