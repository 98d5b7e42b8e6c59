/** What every route module receives from createEmulator. */
import type { EmulatorState } from './state.ts';
import type { SchemaDrift } from './types.ts';

export interface RouteDeps {
  state: EmulatorState;
  maxLimit: number;
  createdStatus: 200 | 201;
  bareArrays: boolean;
  /** cost of the last GET /accounts page (rows examined), for the page-cost test and bench */
  metrics: { lastPageScanned: number };
}

/** Hono env of the API routes: the fault layer tells GET /accounts which drift to apply. */
export type ApiEnv = { Variables: { drift: SchemaDrift | undefined } };
