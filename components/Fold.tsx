import { useId, type ReactNode } from 'react';
import { panelFoldsSetting, readContentSetting, writeContentSetting } from '@/utils/content-settings';
import { useContentSetting } from './content-panel/use-content-setting';

/** Open or fold one section and remember it (storage is the source of truth: rule 7). */
async function saveFold(id: string, open: boolean) {
  const all = await readContentSetting(panelFoldsSetting);
  await writeContentSetting(panelFoldsSetting, { ...all, [id]: open });
}

/**
 * A foldable panel section: a heading with a disclosure button. Folded content stays mounted
 * (hidden), so what it loaded or the rep typed survives folding. The state is remembered per id.
 */
export function Fold({ id, title, defaultOpen = false, children }: { id: string; title: string; defaultOpen?: boolean; children: ReactNode }) {
  const uid = useId();
  const folds = useContentSetting(panelFoldsSetting);
  const open = folds?.[id] ?? defaultOpen;
  return (
    <section className="rl-section rl-fold" data-section={id} data-open={open}>
      <h3 className="rl-section-title">
        <button
          type="button"
          className="rl-fold-btn"
          aria-expanded={open}
          aria-controls={`${uid}-body`}
          onClick={() => void saveFold(id, !open)}
        >
          <span className="rl-fold-mark" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
          {title}
        </button>
      </h3>
      <div id={`${uid}-body`} hidden={!open}>
        {children}
      </div>
    </section>
  );
}
