// What the browser checks share: serving exported folders on 127.0.0.1 (and
// nothing else), and Debian's Chromium started headless.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.csv': 'text/csv; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

// Serves the files under `roots` (absolute paths) on a free port; returns
// the server and its origin.
export async function serveFolders(roots) {
  const server = createServer(async (req, res) => {
    const file = path.resolve('/', decodeURIComponent(new URL(req.url, 'http://x').pathname).slice(1));
    try {
      // Only the exports under test are served.
      if (!roots.some((r) => file.startsWith(r + path.sep))) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': types[path.extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

// Chromium from Debian's package (/usr/bin/chromium, or $CHROMIUM), with the
// flags that keep it off the network.
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}
