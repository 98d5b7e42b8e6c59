/**
 * Schemas are built on first use (docs/architecture.md, "The worker's start"): a stopped worker
 * that wakes for one message builds that message's schema, not all of them. Structural checks, so
 * a new eager composite schema fails here instead of quietly adding to every worker start.
 */
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import * as viewModels from '../../utils/view-models';
import * as apiSchemas from '../../utils/recotap/schemas';
import * as requestBodySchemas from '../../utils/recotap/request-schemas';

const schemasOf = (mod: Record<string, unknown>) =>
  Object.entries(mod).filter((e): e is [string, z.ZodType] => e[1] instanceof z.ZodType);

describe('schemas are built on first use', () => {
  it('every exported schema is a z.lazy, or an enum (one instance either way)', () => {
    const all = [...schemasOf(viewModels), ...schemasOf(apiSchemas), ...schemasOf(requestBodySchemas)];
    expect(all.length).toBeGreaterThan(40);
    const eager = all.filter(([, s]) => !(s instanceof z.ZodLazy || s instanceof z.ZodEnum)).map(([name]) => name);
    expect(eager).toEqual([]);
  });

  it('a lazy schema parses, rejects and infers as the schema it wraps', () => {
    const ok = viewModels.PageContextSchema.parse({ site: 'hubspot', url: 'https://app.hubspot.com/contacts/1/record/0-2/2' });
    expect(ok).toEqual({ site: 'hubspot', url: 'https://app.hubspot.com/contacts/1/record/0-2/2', websites: [], emails: [], contacts: [] });
    expect(viewModels.PageContextSchema.safeParse({ site: 'x'.repeat(65), url: 'u' }).success).toBe(false);
    expect(apiSchemas.CreatedCustomFieldSchema.parse([{ key: 'k', label: 'L', labelType: 'number' }])).toMatchObject({ key: 'k' });
  });

  it('the message schemas: every type is listed, and only the ones read are built', async () => {
    vi.resetModules();
    const { requestSchemas } = await import('../../utils/messaging-schemas');
    const names = Object.keys(requestSchemas);
    expect(names).toEqual(expect.arrayContaining(['lookupContext', 'searchAccounts', 'logActivity', 'saveApiKey', 'showInSidePanel']));
    const built = () => names.filter((n) => 'value' in Object.getOwnPropertyDescriptor(requestSchemas, n)!);
    expect(built()).toEqual([]);
    const first = requestSchemas.searchAccounts;
    expect(first.parse({ query: 'acme' })).toEqual({ query: 'acme', limit: 10 });
    expect(built()).toEqual(['searchAccounts']);
    expect(requestSchemas.searchAccounts).toBe(first); // built once, then kept
    expect(requestSchemas.markSeen.safeParse({ rtpAid: '' }).success).toBe(false);
    expect(built().sort()).toEqual(['markSeen', 'searchAccounts']);
  });
});
