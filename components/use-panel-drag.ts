import { useRef, useState, type PointerEvent } from 'react';

export type Dock = 'left' | 'right';

/**
 * Drag the floating panel by its header: vertical position follows the pointer, and the side is
 * whichever half of the viewport the pointer is released in. Buttons inside the header keep
 * working (drags never start on them); the dock button is the keyboard alternative.
 */
export function usePanelDrag(top: number, onMove?: (pos: { top: number; side: Dock }) => void) {
  const [dragTop, setDragTop] = useState<number | null>(null);
  const start = useRef<{ y: number; top: number } | null>(null);
  const clamp = (t: number) => Math.max(0, Math.min(t, (globalThis.innerHeight || 800) - 48));

  const handlers = {
    onPointerDown(e: PointerEvent<HTMLElement>) {
      if (!onMove || e.button !== 0 || (e.target as Element).closest('button, input, select, a')) return;
      start.current = { y: e.clientY, top };
      e.currentTarget.setPointerCapture?.(e.pointerId);
    },
    onPointerMove(e: PointerEvent<HTMLElement>) {
      if (start.current) setDragTop(clamp(start.current.top + e.clientY - start.current.y));
    },
    onPointerUp(e: PointerEvent<HTMLElement>) {
      const from = start.current;
      if (!from || !onMove) return;
      start.current = null;
      setDragTop(null);
      onMove({ top: clamp(from.top + e.clientY - from.y), side: e.clientX < (globalThis.innerWidth || 1280) / 2 ? 'left' : 'right' });
    },
  };
  return { top: dragTop ?? top, dragging: dragTop !== null, handlers };
}
