import { useRef, useState, type PointerEvent } from 'react';

export type Dock = 'left' | 'right';

/**
 * Dragging inside the panel iframe: the iframe moves with the panel, so the vertical delta is taken
 * in screen coordinates, and the host page's viewport (not the frame's) bounds the drag. `originX`
 * gives the frame's left edge in the host viewport, to tell which half the pointer is released in.
 */
export interface FrameDragGeometry {
  viewport: { width: number; height: number };
  originX(): number;
}

/**
 * Drag the floating panel by its header: vertical position follows the pointer, and the side is
 * whichever half of the viewport the pointer is released in. Buttons inside the header keep
 * working (drags never start on them); the dock button is the keyboard alternative.
 */
export function usePanelDrag(top: number, onMove?: (pos: { top: number; side: Dock }) => void, frame?: FrameDragGeometry) {
  const [dragTop, setDragTop] = useState<number | null>(null);
  const start = useRef<{ y: number; top: number } | null>(null);
  const height = frame ? frame.viewport.height : globalThis.innerHeight || 800;
  const width = frame ? frame.viewport.width : globalThis.innerWidth || 1280;
  const clamp = (t: number) => Math.max(0, Math.min(t, height - 48));
  const yOf = (e: PointerEvent<HTMLElement>) => (frame ? e.screenY : e.clientY);
  const xOf = (e: PointerEvent<HTMLElement>) => (frame ? frame.originX() + e.clientX : e.clientX);

  const handlers = {
    onPointerDown(e: PointerEvent<HTMLElement>) {
      if (!onMove || e.button !== 0 || (e.target as Element).closest('button, input, select, a')) return;
      start.current = { y: yOf(e), top };
      e.currentTarget.setPointerCapture?.(e.pointerId);
    },
    onPointerMove(e: PointerEvent<HTMLElement>) {
      if (start.current) setDragTop(clamp(start.current.top + yOf(e) - start.current.y));
    },
    onPointerUp(e: PointerEvent<HTMLElement>) {
      const from = start.current;
      if (!from || !onMove) return;
      start.current = null;
      setDragTop(null);
      onMove({ top: clamp(from.top + yOf(e) - from.y), side: xOf(e) < width / 2 ? 'left' : 'right' });
    },
  };
  return { top: dragTop ?? top, dragging: dragTop !== null, handlers };
}
