/** A frame scheduler the test drives by hand (panel controller and frame client tests). */
import type { FrameScheduler } from '@/components/content-panel/panel-controller';

export function manualFrames() {
  const callbacks = new Map<number, () => void>();
  let next = 1;
  const frames: FrameScheduler = {
    request: (cb) => (callbacks.set(next, cb), next++),
    cancel: (id) => void callbacks.delete(id),
  };
  return {
    frames,
    /** callbacks waiting for the next frame */
    pending: () => callbacks.size,
    /** frames requested so far */
    requested: () => next - 1,
    /** the next frame: runs every waiting callback */
    fire() {
      const all = [...callbacks.values()];
      callbacks.clear();
      all.forEach((cb) => cb());
    },
  };
}
