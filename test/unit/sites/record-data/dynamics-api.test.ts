/**
 * The Dynamics Web API reader against a fake fetch (the network boundary): the request it makes,
 * what it reads from each record type, and every failure that must hand over to the DOM layers.
 */
import { describe, expect, it } from 'vitest';
import { dynamicsApiUrl, fetchDynamicsRecord } from '../../../../utils/sites/record-data/dynamics-api';
import type { RecordMatch } from '../../../../utils/sites/types';

const ORIGIN = 'https://contoso.crm4.dynamics.com';
const ID = '8f0c7a55-2f3b-ee11-9cbd-000d3a2b1c44';
const match = (recordType: string): RecordMatch => ({ recordType, recordId: ID, url: `${ORIGIN}/main.aspx?pagetype=entityrecord&etn=${recordType}&id=${ID}` });

function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return respond(String(input), init ?? {});
  }) as typeof fetch;
  return { f, calls };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('dynamics Web API reader', () => {
  it('asks the page origin for the account’s three columns, with the OData headers and same-origin credentials', async () => {
    const { f, calls } = fakeFetch(() => json({ '@odata.etag': 'W/"1"', name: 'Acme Robotics', websiteurl: 'https://www.acmerobotics.com', emailaddress1: 'info@acmerobotics.com', accountid: ID }));
    const r = await fetchDynamicsRecord(match('account'), { fetch: f, origin: ORIGIN });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${ORIGIN}/api/data/v9.2/accounts(${ID})?$select=name,websiteurl,emailaddress1`);
    expect(calls[0]!.init).toMatchObject({ method: 'GET', credentials: 'same-origin', headers: { Accept: 'application/json', 'OData-Version': '4.0', 'OData-MaxVersion': '4.0' } });
    expect(r).toEqual({ ok: true, found: { websites: ['https://www.acmerobotics.com'], emails: ['info@acmerobotics.com'], companyName: 'Acme Robotics', title: 'Acme Robotics' } });
  });
  it('reads a contact’s company through parentcustomerid_account', async () => {
    const { f, calls } = fakeFetch(() => json({ fullname: 'Dana Whitfield', emailaddress1: 'dana.whitfield@acmerobotics.com', jobtitle: 'VP Operations', parentcustomerid_account: { name: 'Acme Robotics', websiteurl: 'acmerobotics.com' } }));
    const r = await fetchDynamicsRecord(match('contact'), { fetch: f, origin: ORIGIN });
    expect(calls[0]!.url).toContain(`/contacts(${ID})?$select=fullname,emailaddress1,jobtitle&$expand=parentcustomerid_account($select=name,websiteurl)`);
    expect(r.ok && r.found).toMatchObject({ websites: ['acmerobotics.com'], emails: ['dana.whitfield@acmerobotics.com'], companyName: 'Acme Robotics', contacts: [{ email: 'dana.whitfield@acmerobotics.com', name: 'Dana Whitfield', title: 'VP Operations' }] });
  });
  it('reads leads and an opportunity’s customer account', async () => {
    const lead = await fetchDynamicsRecord(match('lead'), { fetch: fakeFetch(() => json({ fullname: 'Priya Raman', companyname: 'Globex Analytics', websiteurl: null, emailaddress1: 'priya.raman@globex-analytics.io' })).f, origin: ORIGIN });
    expect(lead.ok && lead.found).toMatchObject({ websites: [undefined], emails: ['priya.raman@globex-analytics.io'], companyName: 'Globex Analytics' });
    const { f, calls } = fakeFetch(() => json({ name: 'Fleet deal', parentaccountid: null, customerid_account: { name: 'Wayne Aerospace', websiteurl: 'https://wayneaero.com', emailaddress1: null } }));
    const opp = await fetchDynamicsRecord(match('opportunity'), { fetch: f, origin: ORIGIN });
    expect(calls[0]!.url).toContain(`/opportunities(${ID})?`);
    expect(opp.ok && opp.found).toMatchObject({ websites: ['https://wayneaero.com'], companyName: 'Wayne Aerospace', title: 'Fleet deal' });
  });
  it('a 403 (no read rights), a 404 (another API version) or a 401 hand over to the DOM', async () => {
    for (const status of [401, 403, 404]) {
      const r = await fetchDynamicsRecord(match('account'), { fetch: fakeFetch(() => json({ error: { code: '0x80040220', message: 'denied' } }, status)).f, origin: ORIGIN });
      expect(r).toEqual({ ok: false, reason: `http-${status}` });
    }
  });
  it('gives up after the timeout', async () => {
    const hang = fakeFetch((_u, init) => new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))));
    const r = await fetchDynamicsRecord(match('account'), { fetch: hang.f, origin: ORIGIN, timeoutMs: 20 });
    expect(r).toEqual({ ok: false, reason: 'timeout' });
  });
  it('malformed JSON, a wrong shape and a network error are failures, not data', async () => {
    const bad = await fetchDynamicsRecord(match('account'), { fetch: fakeFetch(() => new Response('<html>sign in</html>', { status: 200 })).f, origin: ORIGIN });
    expect(bad).toEqual({ ok: false, reason: 'invalid-json' });
    const shape = await fetchDynamicsRecord(match('account'), { fetch: fakeFetch(() => json({ name: 42, websiteurl: ['x'] })).f, origin: ORIGIN });
    expect(shape).toEqual({ ok: false, reason: 'invalid-shape' });
    const net = await fetchDynamicsRecord(match('account'), { fetch: fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).f, origin: ORIGIN });
    expect(net).toEqual({ ok: false, reason: 'network' });
  });
  it('a hostile value is shape-checked: a javascript: website and a non-address e-mail are dropped', async () => {
    const r = await fetchDynamicsRecord(match('account'), { fetch: fakeFetch(() => json({ name: '<img src=x onerror=alert(1)>', websiteurl: 'javascript:alert(1)', emailaddress1: 'not an address' })).f, origin: ORIGIN });
    expect(r.ok && r.found).toMatchObject({ websites: [undefined], emails: [undefined], companyName: '<img src=x onerror=alert(1)>' });
  });
  it('only covers the four record types, with a GUID', () => {
    expect(dynamicsApiUrl(match('incident'), ORIGIN)).toBeNull();
    expect(dynamicsApiUrl({ ...match('account'), recordId: "x')?$select=*" }, ORIGIN)).toBeNull();
  });
});
