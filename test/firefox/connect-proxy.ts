/**
 * Firefox has no --host-resolver-rules: instead it is pointed at this tiny HTTP CONNECT proxy,
 * which tunnels the world's hosts (eapi.recotap.com, CRM hosts) to the world server on 127.0.0.1
 * and refuses everything else, so the smoke test never reaches the real internet.
 */
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface ConnectProxy {
  port: number;
  /** hosts that were tunnelled, in order */
  tunnelled: string[];
  close(): Promise<void>;
}

/** Starts the proxy on 127.0.0.1; `handles` decides which hosts go to `targetPort`. */
export async function startConnectProxy(targetPort: number, handles: (host: string) => boolean): Promise<ConnectProxy> {
  const sockets = new Set<Socket>();
  const tunnelled: string[] = [];
  const server: Server = createServer((_req, res) => {
    // plain-HTTP proxying is not needed: every mapped site is HTTPS
    res.writeHead(403).end();
  });
  server.on('connect', (req, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.once('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const host = (req.url ?? '').replace(/:\d+$/, '').toLowerCase();
    if (!handles(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnelled.push(host);
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.once('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    tunnelled,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
