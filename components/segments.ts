import type { ResponseMap } from '@/utils/messaging';
import type { SegmentOption } from './panel-actions';

/** Adapt the listSegments reply to what the segment picker shows. */
export function segmentsFromResponse(r: ResponseMap['listSegments']): { segments: SegmentOption[] } | { error: string } {
  return r.ok ? { segments: r.segments } : { error: r.error.message };
}
