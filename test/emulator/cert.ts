/** Self-signed TLS certificate for the emulator and the e2e harness's HTTPS servers. */
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export const DEFAULT_CERT_HOSTS = ['localhost', 'eapi.recotap.com', '127.0.0.1'];

/** Generates a CN=localhost certificate whose SANs cover `hosts` (DNS names and IPs), valid for a year. */
export async function createSelfSignedCert(hosts: string[] = DEFAULT_CERT_HOSTS): Promise<{ key: string; cert: string }> {
  const now = Date.now();
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 86_400_000),
    notAfterDate: new Date(now + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: hosts.map((h) => (isIP(h) ? { type: 7 as const, ip: h } : { type: 2 as const, value: h })) },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
