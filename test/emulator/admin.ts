/**
 * Emulator-only admin endpoints under /__emulator/ (no API key; the real API has none of them).
 * Plain JSON bodies, no envelope.
 */
import { Hono } from 'hono';
import type { EmulatorControls } from './app.ts';
import type { Faults, SeedSpec, StoredAccount } from './types.ts';

const readBody = async (req: Request): Promise<Record<string, unknown>> => {
  const text = await req.text();
  if (!text) return {};
  const v = JSON.parse(text) as unknown;
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
};

/** Builds the admin sub-app over the emulator's controls. */
export function createAdminApp(controls: EmulatorControls): Hono {
  const admin = new Hono();
  admin.onError((err, c) => c.json({ error: err.message }, 400));
  admin.get('/faults', (c) => c.json(controls.getFaults()));
  admin.post('/faults', async (c) => {
    controls.setFaults((await c.req.json()) as Faults);
    return c.json(controls.getFaults());
  });
  admin.delete('/faults', (c) => {
    controls.clearFaults();
    return c.json([]);
  });
  admin.post('/reset', async (c) => {
    const body = await readBody(c.req.raw);
    controls.reset(body.seed as SeedSpec | undefined);
    return c.json(controls.stats());
  });
  admin.post('/rescore', async (c) => {
    const body = await readBody(c.req.raw);
    const changed = controls.rescore({ count: body.count as number | undefined, fraction: body.fraction as number | undefined, seed: body.seed as string | undefined });
    return c.json({ changed });
  });
  admin.patch('/accounts/:rtp_aid', async (c) => {
    const body = await readBody(c.req.raw);
    const { rtp_last_account_date: date, ...rest } = body;
    const patch = { ...rest, ...(typeof date === 'string' ? { updatedAt: Date.parse(date) } : {}) } as Partial<StoredAccount>;
    return c.json(controls.setAccount(c.req.param('rtp_aid'), patch));
  });
  admin.get('/stats', (c) => c.json(controls.stats()));
  admin.get('/activities', (c) => c.json(controls.activities()));
  admin.get('/requests', (c) => c.json(controls.requestLog));
  admin.delete('/requests', (c) => {
    controls.resetLog();
    return c.json([]);
  });
  return admin;
}
