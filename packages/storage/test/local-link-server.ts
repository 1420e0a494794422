import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { type BlobStore, isBlobNotFound, LOCAL_LINK_ROUTE, verifyLocalLink } from '../src/index.ts';

export interface LinkServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The web service's `/files/<key>` route in miniature: verify the signature, then stream the blob.
 * `store` is read lazily because the store needs this server's URL as its PUBLIC_URL.
 */
export async function startLinkServer(secret: string, store: () => BlobStore): Promise<LinkServer> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://link-server');
    if (!url.pathname.startsWith(LOCAL_LINK_ROUTE)) {
      res.writeHead(404).end();
      return;
    }
    const key = url.pathname.slice(LOCAL_LINK_ROUTE.length);
    const verdict = verifyLocalLink(secret, key, url.searchParams.get('expires'), url.searchParams.get('signature'));
    if (!verdict.ok) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end(verdict.reason);
      return;
    }
    try {
      const [stat, body] = await Promise.all([store().stat(key), store().get(key)]);
      res.writeHead(200, { 'content-type': stat?.contentType ?? 'application/octet-stream' });
      await pipeline(body, res);
    } catch (err) {
      if (res.headersSent) res.destroy();
      else res.writeHead(isBlobNotFound(err) ? 404 : 500).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
