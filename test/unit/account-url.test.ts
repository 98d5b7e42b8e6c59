import { describe, expect, it } from 'vitest';
import { accountUrl, isAccountUrlTemplate } from '@/utils/account-url';

const ACC = { rtpAid: '65f1c0de9a1b2c3d4e5f6a70', domain: 'acme.com' };

describe('Open in Recotap URL template', () => {
  it('builds the URL only from an https template naming the account', () => {
    expect(accountUrl('https://app.example.com/accounts/{rtpAid}', ACC)).toBe('https://app.example.com/accounts/65f1c0de9a1b2c3d4e5f6a70');
    expect(accountUrl('https://app.example.com/find?d={domain}&id={rtpAid}', { rtpAid: 'a b', domain: 'x&y' })).toBe('https://app.example.com/find?d=x%26y&id=a%20b');
  });

  it('never guesses: no template, no placeholder, or not https → no link', () => {
    expect(accountUrl('', ACC)).toBeNull();
    expect(accountUrl(undefined, ACC)).toBeNull();
    expect(accountUrl('https://app.example.com/accounts', ACC)).toBeNull();
    expect(accountUrl('http://app.example.com/{rtpAid}', ACC)).toBeNull();
    expect(accountUrl('javascript:alert({rtpAid})', ACC)).toBeNull();
    expect(isAccountUrlTemplate('not a url {rtpAid}')).toBe(false);
  });
});
