import { DEMO_API_KEY } from '../emulator/index.ts';
import { expect, test } from './fixtures.ts';

test('the production build loads and its service worker reaches the emulator at eapi.recotap.com', async ({
  serviceWorker,
  extensionId,
  world,
}) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  const manifest = await serviceWorker.evaluate(() => chrome.runtime.getManifest());
  expect(manifest.host_permissions).toContain('https://eapi.recotap.com/*');

  const reply = await serviceWorker.evaluate(async (key) => {
    const res = await fetch('https://eapi.recotap.com/api/v1/accounts?limit=1', { headers: { 'X-Api-Key': key } });
    return { status: res.status, body: (await res.json()) as { data: { data: { rtp_aid: string; name: string }[] } } };
  }, DEMO_API_KEY);
  expect(reply.status).toBe(200);
  expect(reply.body.data.data).toHaveLength(1);
  const first = reply.body.data.data[0]!;
  // the row is the emulator's demo data, not something else answering on that name
  expect(world.emulator.state.store.get(first.rtp_aid)?.name).toBe(first.name);

  expect(world.emulator.controls.requestLog).toContainEqual(
    expect.objectContaining({ method: 'GET', path: '/api/v1/accounts', search: '?limit=1', status: 200 }),
  );
});

test('a wrong key gets the emulator’s 401, and unmapped hosts never reach the network', async ({ serviceWorker, world }) => {
  const statuses = await serviceWorker.evaluate(async () => {
    const wrong = await fetch('https://eapi.recotap.com/api/v1/accounts?limit=1', { headers: { 'X-Api-Key': 'nope' } });
    const outside = await fetch('https://example.com/').then(
      (r) => r.status,
      () => 'network-error',
    );
    return { wrong: wrong.status, outside };
  });
  expect(statuses).toEqual({ wrong: 401, outside: 'network-error' });
  expect(world.emulator.controls.requestLog.map((r) => r.status)).toEqual([401]);
});
