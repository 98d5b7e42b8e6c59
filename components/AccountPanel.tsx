import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode, type Ref } from 'react';
import type { AccountView, ActivityView, LookupResult, MatchReason, PageContext } from '@/utils/view-models';
import { workCounts } from '@/utils/work-counts';
import { matchReasonLabel } from './format';
import { NotThisAccount } from './NotThisAccount';
import { LensRoot, type ThemeMode } from './LensRoot';
import type { PanelActions } from './panel-actions';
import { PanelBody } from './PanelBody';
import { FRAME_PAD } from './panel-frame/protocol';
import { panelSummary } from './panel-summary';
import { ScoreBadge } from './ScoreBadge';
import { usePanelDrag, type Dock } from './use-panel-drag';
import './styles/panel.css';

export type { Dock };

/** The floating panel inside the panel iframe: the host page's viewport, and where to report the box. */
export interface FramedPlacement {
  viewport: { width: number; height: number };
  /** the panel's side, top and rendered size: the host page sizes and moves the iframe to match */
  onPlace(placement: { side: Dock; top: number; width: number; height: number; edge?: boolean }): void;
}

/** Space between the panel and the viewport's side (panel.css has the same). */
const SIDE_GAP = 16;

export interface AccountPanelProps {
  /** null while the first lookup for this page is in flight */
  result: LookupResult | null;
  /** the page's context: prefills "Add to Recotap" and gives the CRM record id */
  context: PageContext | null;
  actions: PanelActions;
  theme: ThemeMode;
  /** 'floating' = in-page overlay (collapsible, dockable); 'embedded' = side panel / popup */
  variant?: 'floating' | 'embedded';
  collapsed?: boolean;
  onToggleCollapsed?: () => void;
  dock?: Dock;
  onDockChange?: (dock: Dock) => void;
  /** distance from the viewport top (floating), px */
  top?: number;
  /** the rep dragged the panel by its header */
  onMove?: (pos: { top: number; side: Dock }) => void;
  /** false where there is no page context to pin to (popup) */
  allowPin?: boolean;
  /** fills the panel's activity slot (activity logging UI, owned by the outbox views) */
  /** `recent`: the account's recent activities when the lookup carried them */
  renderActivity?: (account: AccountView, context: PageContext | null, recent?: ActivityView[], matchedBy?: MatchReason) => ReactNode;
  /** floating only: turn the panel off for this site ("Hide on this site") */
  onHideSite?: () => void;
  /** floating only: just hidden on this site; the panel shows the confirmation with Undo instead */
  hiding?: { onUndo: () => void };
  /** floating only: rendered in the panel iframe rather than fixed in the page (panel-frame/) */
  framed?: FramedPlacement;
  /** extra header control, e.g. the popup's "Back" button */
  headerAction?: ReactNode;
  now?: Date;
}

/** The account panel: every LookupResult state, with header, controls and a live summary. */
export function AccountPanel(props: AccountPanelProps) {
  const { result, theme, variant = 'embedded', collapsed = false, dock = 'right' } = props;
  const floating = variant === 'floating';
  const framed = floating ? props.framed : undefined;
  const classes = `rl-panel rl-panel-${variant} rl-dock-${dock}${collapsed ? ' rl-collapsed' : ''}${framed ? ' rl-framed' : ''}`;
  const summary = panelSummary(result);
  const rootRef = useRef<HTMLDivElement>(null);
  const placedWidth = useRef(0);
  // the iframe's left edge in the host viewport (from its side and width; the box sits FRAME_PAD inside)
  const originX = () => (dock === 'left' || !framed ? SIDE_GAP : framed.viewport.width - SIDE_GAP - placedWidth.current) - FRAME_PAD;
  const drag = usePanelDrag(props.top ?? 96, floating ? props.onMove : undefined, framed && { viewport: framed.viewport, originX });
  // After the rep collapses or expands, keep keyboard focus on the toggle (it is a new element).
  const toggleRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    workCounts.panelRenders++; // every committed render, for the benches' per-navigation counts
  });
  const wantFocus = useRef(false);
  useEffect(() => {
    if (!wantFocus.current) return;
    wantFocus.current = false;
    toggleRef.current?.focus();
  }, [collapsed]);
  const toggle = () => {
    wantFocus.current = true;
    props.onToggleCollapsed?.();
  };
  // Framed: report the box's side, top and size whenever they change, so the host places the iframe.
  const onPlace = framed?.onPlace;
  useLayoutEffect(() => {
    const el = rootRef.current;
    if (!onPlace || !el) return;
    const report = () => {
      placedWidth.current = el.offsetWidth;
      // collapsed, the pill sits flush against the docked edge of the window
      onPlace({ side: dock, top: drag.top, width: el.offsetWidth, height: el.offsetHeight, edge: collapsed });
    };
    report();
    if (typeof ResizeObserver !== 'function') return;
    const observer = new ResizeObserver(report);
    observer.observe(el);
    return () => observer.disconnect();
  }, [onPlace, dock, drag.top, collapsed, props.hiding]);
  // --rl-top lets the box cap its height to the space left below it (--rl-vh: the host's viewport)
  const style = framed
    ? ({ '--rl-top': `${drag.top}px`, '--rl-vh': `${framed.viewport.height}px` } as CSSProperties)
    : floating
      ? ({ top: `${drag.top}px`, '--rl-top': `${drag.top}px` } as CSSProperties)
      : undefined;

  if (floating && props.hiding) return <HiddenNote {...props} hiding={props.hiding} classes={classes} style={style} rootRef={rootRef} />;

  if (floating && collapsed) {
    const found = result?.state === 'found' ? result.account : null;
    return (
      <LensRoot theme={theme} className={classes} style={style} ref={rootRef}>
        <button
          ref={toggleRef}
          type="button"
          className="rl-collapsed-btn"
          aria-expanded="false"
          aria-label={`Recotap Lens: ${summary} Expand panel`}
          title="Expand the Recotap Lens panel"
          onClick={toggle}
        >
          <span className="rl-logo" aria-hidden="true" />
          {found ? <ScoreBadge score={found.score} band={found.band} /> : <span className="rl-collapsed-text">Lens</span>}
        </button>
        <p className="rl-visually-hidden" aria-live="polite">
          {summary}
        </p>
      </LensRoot>
    );
  }

  const found = result?.state === 'found' ? result : null;
  const allowPin = props.allowPin ?? true;
  return (
    <LensRoot theme={theme} className={classes} style={style} ref={rootRef}>
      <aside className="rl-panel-box" aria-label="Recotap Lens account panel">
        <header className={floating && props.onMove ? 'rl-head rl-draggable' : 'rl-head'} {...(floating ? drag.handlers : {})}>
          <span className="rl-logo" aria-hidden="true" />
          <div className="rl-head-text">
            <h2 className="rl-title">{found ? found.account.name : 'Recotap Lens'}</h2>
            {found ? (
              <p className="rl-muted rl-subtitle">
                <span>{found.account.domain}</span> · <span>Matched: {matchReasonLabel(found.matchedBy)}</span>
              </p>
            ) : null}
            {found && allowPin ? (
              <NotThisAccount
                key={found.account.rtpAid}
                pinned={found.matchedBy === 'pinned'}
                currentRtpAid={found.account.rtpAid}
                alternates={found.account.alternates}
                actions={props.actions}
              />
            ) : null}
            <PinNote result={result} />
          </div>
          {props.headerAction ? <div className="rl-head-controls">{props.headerAction}</div> : null}
          {floating ? (
            <div className="rl-head-controls">
              <button
                type="button"
                className="rl-icon-btn"
                aria-label={dock === 'right' ? 'Move panel to the left side' : 'Move panel to the right side'}
                title={dock === 'right' ? 'Move panel to the left side' : 'Move panel to the right side'}
                onClick={() => props.onDockChange?.(dock === 'right' ? 'left' : 'right')}
              >
                {dock === 'right' ? '⇤' : '⇥'}
              </button>
              <button
                ref={toggleRef}
                type="button"
                className="rl-icon-btn"
                aria-expanded="true"
                aria-label="Collapse panel"
                title="Collapse panel to the window edge"
                onClick={toggle}
              >
                –
              </button>
              {props.onHideSite ? (
                <button
                  type="button"
                  className="rl-icon-btn"
                  aria-label="Hide on this site"
                  title="Hide on this site (turn it back on in Settings)"
                  onClick={props.onHideSite}
                >
                  ×
                </button>
              ) : null}
            </div>
          ) : null}
        </header>
        <p className="rl-visually-hidden" aria-live="polite">
          {summary}
        </p>
        <div className="rl-body">
          <PanelBody {...props} />
        </div>
      </aside>
    </LensRoot>
  );
}

/**
 * Confirms a pin where the rep made it: "Pinned: this record now shows Globex." Shown when the
 * answer turns into a pinned match of another account than before (derived state, no effect).
 */
function PinNote({ result }: { result: LookupResult | null }) {
  const now = result?.state === 'found' ? `${result.account.rtpAid}|${result.matchedBy}` : null;
  const [last, setLast] = useState(now);
  const [note, setNote] = useState<string | null>(null);
  if (now !== null && now !== last) {
    setLast(now);
    const wasOther = last === null || last.split('|')[0] !== now.split('|')[0] || !last.endsWith('|pinned');
    setNote(result?.state === 'found' && result.matchedBy === 'pinned' && wasOther ? `Pinned: this record now shows ${result.account.name}.` : null);
  }
  return (
    // not a live region: the panel's summary already announces the newly shown account
    <p className="rl-pin-note">
      {note}
    </p>
  );
}

/** "Hidden on this site — Undo": where the panel was, focus on Undo (the × the rep pressed is gone). */
function HiddenNote({ theme, hiding, classes, style, rootRef }: AccountPanelProps & {
  hiding: { onUndo: () => void };
  classes: string;
  style: CSSProperties | undefined;
  rootRef: Ref<HTMLDivElement>;
}) {
  const undoRef = useRef<HTMLButtonElement>(null);
  useEffect(() => undoRef.current?.focus(), []);
  return (
    <LensRoot theme={theme} className={`${classes} rl-hiding`} style={style} ref={rootRef}>
      <aside className="rl-panel-box rl-hide-note" aria-label="Recotap Lens account panel">
        <p role="status">
          <strong>Recotap Lens is hidden on this site.</strong> <span className="rl-muted">Turn it back on in Settings → Sites.</span>
        </p>
        <div className="rl-hide-actions">
          <button ref={undoRef} type="button" className="rl-btn" onClick={hiding.onUndo}>
            Undo
          </button>
        </div>
      </aside>
    </LensRoot>
  );
}
