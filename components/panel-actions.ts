/**
 * What the panel can ask for. Containers implement these with sendMessage; tests pass plain
 * functions. Async actions resolve to an error sentence (shown inline) or null on success.
 */
import type { AccountSummary } from '@/utils/view-models';

export interface AddAccountInput {
  domain: string;
  name: string;
  externalId?: string;
  segmentId?: string;
}

export interface SegmentOption {
  id: string;
  name: string;
  status: string;
}

export interface PanelActions {
  retry(): void;
  openOptions(): void;
  addAccount(input: AddAccountInput): Promise<string | null>;
  listSegments(): Promise<{ segments: SegmentOption[] } | { error: string }>;
  search(query: string): Promise<AccountSummary[]>;
  pin(rtpAid: string): Promise<string | null>;
  unpin(): Promise<string | null>;
}

/** Turn a thrown value into a sentence for inline display. */
export function errorText(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return 'Something went wrong. Try again.';
}
