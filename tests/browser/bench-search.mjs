// The site search measured in headless Chromium, on an exported site:
//   node bench-search.mjs SITE [QUERY ...]
// For each query, in a fresh page with nothing cached: the time from
// opening search.html?q=QUERY to the first results shown, the time from
// typing the query into an open search page to its results, and the bytes
// of the index downloaded (the page, its style and the chapters it links
// are not counted). Prints one line a query and a summary.
import path from 'node:path';
import { launchChromium, serveFolders } from './serve.mjs';

const [site, ...queries] = process.argv.slice(2);
if (!site) {
  console.error('usage: node bench-search.mjs SITE [QUERY ...]');
  process.exit(2);
}
const root = path.resolve(site);
const asked = queries.length ? queries : ['carers', 'fostering plan', 'safeguarding review'];
const { server, origin } = await serveFolders([root]);
const browser = await launchChromium();
const context = await browser.newContext();

function counting(page) {
  const seen = { bytes: 0, files: 0 };
  page.on('requestfinished', async (request) => {
    const url = request.url();
    if (/\/search-index\.js$|\/search\/[^/]+\.js$/.test(url)) {
      const sizes = await request.sizes().catch(() => null);
      if (sizes) {
        seen.bytes += sizes.responseBodySize;
        seen.files += 1;
      }
    }
  });
  return seen;
}

const results = [];
for (const query of asked) {
  // Opened as a bookmark: from navigation to the first results.
  const opened = await context.newPage();
  const openedBytes = counting(opened);
  const t0 = Date.now();
  await opened.goto(`${origin}${root}/search.html?q=${encodeURIComponent(query)}`);
  await opened.waitForFunction(() => document.getElementById('search-status').textContent.length > 0,
    null, { timeout: 30000 });
  const openMs = Date.now() - t0;
  await opened.waitForTimeout(200);
  const count = await opened.$$eval('#search-results li', (l) => l.length);
  await opened.close();
  // Typed into an open search page: from the keystroke to the results.
  const typed = await context.newPage();
  const typedBytes = counting(typed);
  await typed.goto(`${origin}${root}/search.html`);
  await typed.waitForFunction(() => window.MANUAL_SEARCH !== undefined, null, { timeout: 30000 });
  const before = typedBytes.bytes;
  const typeMs = await typed.evaluate((q) => new Promise((done) => {
    const input = document.getElementById('q');
    const status = document.getElementById('search-status');
    const t = performance.now();
    const seen = new MutationObserver(() => {
      if (status.textContent.length > 0) {
        seen.disconnect();
        done(performance.now() - t);
      }
    });
    seen.observe(status, { childList: true, characterData: true, subtree: true });
    input.value = q;
    input.dispatchEvent(new Event('input'));
  }), query);
  await typed.waitForTimeout(200);
  await typed.close();
  results.push({ query, openMs, typeMs, bytes: openedBytes.bytes, files: openedBytes.files,
    typedBytes: typedBytes.bytes - before, count });
  console.log(`"${query}": ${count} shown; opened to results ${openMs} ms, typed to results ` +
    `${typeMs.toFixed(0)} ms; index downloaded ${(openedBytes.bytes / 1024).toFixed(0)} KB in ` +
    `${openedBytes.files} files`);
}
await browser.close();
server.close();
const worst = Math.max(...results.map((r) => r.bytes));
console.log(`most downloaded by one query: ${(worst / 1024).toFixed(0)} KB`);
