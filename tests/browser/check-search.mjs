// Checks the exported site's search in headless Chromium, with the pages'
// own Content-Security-Policy in force:
//   node check-search.mjs STOCKPORT_SITE BIG_SITE
// STOCKPORT_SITE: the Stockport sample with Young Carers' page imported
// (a body to search). Searches a title word and a body word, follows the
// first result, opens a bookmarked search (search.html?q=…), checks the
// page without JavaScript, and runs axe-core with results shown.
// BIG_SITE: the 10,000-chapter manual: a two-word query may download at most
// 300 KB of the index, and the first results must show within 250 ms of
// typing (loading what the query needs included).
import { readdir, stat } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { launchChromium, serveFolders } from './serve.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [small, big] = process.argv.slice(2).map((s) => path.resolve(s));
if (!small || !big) {
  console.error('usage: node check-search.mjs STOCKPORT_SITE BIG_SITE');
  process.exit(2);
}
const { server, origin } = await serveFolders([small, big]);
const browser = await launchChromium();
const problems = [];
const check = (ok, what) => {
  if (!ok) problems.push(what);
};

// With the CSP in force: the search scripts must run under script-src 'self'.
const context = await browser.newContext();
const page = await context.newPage();
const cspErrors = [];
page.on('console', (m) => {
  if (/Content Security Policy|Refused to/i.test(m.text())) cspErrors.push(m.text());
});
page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));

// Typing into the header form of a chapter page leads to the search page.
await page.goto(`${origin}${small}/index.html`);
await page.fill('#site-search', 'carers');
await Promise.all([page.waitForURL(/search\.html\?q=carers/), page.press('#site-search', 'Enter')]);
await page.waitForSelector('#search-results li a');
let first = await page.textContent('#search-results li a');
check(/Carers/.test(first), `a title word: first result is "${first}"`);
const status = await page.textContent('#search-status');
check(/chapters? match/.test(status), `the live region says how many: "${status}"`);
check((await page.getAttribute('#search-status', 'aria-live')) === 'polite', 'results are announced politely');
check((await page.$$eval('#search-results mark', (m) => m.length)) > 0, 'the words typed are marked');
await Promise.all([page.waitForURL(/chapters\/.+\.html$/), page.click('#search-results li a')]);
check(/Carers/.test(await page.textContent('h1')), 'following the first result opens its chapter');

// A word only in a chapter's text, typed into the search page itself.
await page.goto(`${origin}${small}/search.html`);
await page.fill('#q', 'appearance');
await page.waitForSelector('#search-results li a');
first = await page.textContent('#search-results li a');
check(first.includes('4.8.1 Young Carers'), `a body word: first result is "${first}"`);
// Found past the opening words the index keeps: the passage comes from the page.
await page
  .waitForFunction(() => /appearance/i.test(document.querySelector('#search-results li p')?.textContent || ''),
    null, { timeout: 5000 })
  .catch(() => {});
const passage = await page.textContent('#search-results li p');
check(/appearance/i.test(passage || ''), `the passage holds the word: "${passage}"`);
check((await page.textContent('#search-results li p mark') || '').toLowerCase() === 'appearance',
  'the word is marked in its passage');
await Promise.all([page.waitForURL(/young-carers-2\.html$/), page.click('#search-results li a')]);

// A word far past the opening words the index keeps (over 1,000 characters
// into Assessments): the passage shown must be fetched from its page.
await page.goto(`${origin}${small}/search.html?q=genogram`);
await page.waitForSelector('#search-results li a');
check((await page.textContent('#search-results li a')).includes('Assessments'),
  'a deep word finds its chapter');
const deep = await page
  .waitForFunction(() => /genogram/i.test(document.querySelector('#search-results li p')?.textContent || ''),
    null, { timeout: 5000 })
  .then(() => true, () => false);
check(deep, `the passage of a deep word is shown: "${await page.textContent('#search-results li p')}"`);
const deepMark = await page.locator('#search-results li p mark').first()
  .textContent({ timeout: 2000 }).catch(() => '');
check((deepMark || '').toLowerCase() === 'genogram', 'the deep word is marked in its passage');

// Words that are names of every JavaScript object's properties are words.
for (const word of ['constructor', 'tostring', 'hasownproperty']) {
  await page.goto(`${origin}${small}/search.html?q=${word}`);
  await page.waitForFunction(() => document.getElementById('search-status').textContent.length > 0,
    null, { timeout: 3000 }).catch(() => {});
  const said = await page.textContent('#search-status');
  if (word === 'constructor') {
    check(/1 chapter matches/.test(said), `"constructor" finds its chapter: "${said}"`);
  } else {
    check(/No chapters match/.test(said), `"${word}" finds nothing and says so: "${said}"`);
  }
}

// A bookmarked search shows its results on opening.
await page.goto(`${origin}${small}/search.html?q=young%20carer`);
await page.waitForSelector('#search-results li a');
check((await page.inputValue('#q')) === 'young carer', 'the query is put back in the box');
check(cspErrors.length === 0, `the pages' policy blocked something: ${cspErrors.join(' | ')}`);

// axe-core on the page with results shown (axe injected past the policy).
const axeContext = await browser.newContext({ bypassCSP: true });
const axePage = await axeContext.newPage();
await axePage.goto(`${origin}${small}/search.html?q=carers`);
await axePage.waitForSelector('#search-results li a');
await axePage.addScriptTag({ content: axeSource });
const result = await axePage.evaluate(async () =>
  // eslint-disable-next-line no-undef
  axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
for (const v of result.violations) problems.push(`axe ${v.id}: ${v.help}`);

// Without JavaScript the page leads to the contents and the document index.
const noScript = await browser.newContext({ javaScriptEnabled: false });
const plain = await noScript.newPage();
await plain.goto(`${origin}${small}/search.html?q=carers`);
check(await plain.isVisible('#no-script'), 'without JavaScript the page says where to look');
const fallback = await plain.$$eval('#no-script a', (links) => links.map((a) => a.getAttribute('href')));
check(fallback.includes('index.html') && fallback.includes('document-index.html'), `fallback links: ${fallback}`);

// "Did you mean": a word that matches nothing gets the index's nearest.
await page.goto(`${origin}${small}/search.html?q=carres`);
await page.waitForSelector('#search-suggestion a', { timeout: 5000 }).catch(() => {});
const offered = await page.textContent('#search-suggestion');
check(/Did you mean carers\?/.test(offered || ''), `a misspelling gets a suggestion: "${offered}"`);
if (await page.$('#search-suggestion a')) {
  await page.click('#search-suggestion a');
  await page.waitForSelector('#search-results li a');
  check((await page.inputValue('#q')) === 'carers', 'following the suggestion searches for it');
}

// The index's files: every one a query may load, and their total.
async function size(dir) {
  let total = 0;
  for (const name of await readdir(dir)) {
    const full = path.join(dir, name);
    const s = await stat(full);
    total += s.isDirectory() ? await size(full) : s.size;
  }
  return total;
}
async function searchBytes(site) {
  return (await stat(path.join(site, 'search-index.js'))).size + (await size(path.join(site, 'search')));
}
const smallIndex = await searchBytes(small);
// The single-file index this replaced was 34,432 bytes for this site.
check(smallIndex <= 34432, `the Stockport site's search files are ${smallIndex} bytes (at most 34,432)`);

// The 10,000-chapter manual: what a query downloads, and how long it takes.
const siteBytes = await size(big);
const bigIndex = await searchBytes(big);
const timings = [];
const transfers = [];
for (const query of ['carers', 'fostering plan', 'safeguarding review', 'zzqx']) {
  // A fresh page each time: nothing cached from the query before.
  const fresh = await context.newPage();
  fresh.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  let bytes = 0;
  fresh.on('requestfinished', async (request) => {
    if (/search(-index)?[./]/.test(request.url()) && !/search\.html/.test(request.url())) {
      const sizes = await request.sizes().catch(() => null);
      if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    }
  });
  await fresh.goto(`${origin}${big}/search.html`);
  await fresh.waitForFunction(() => window.MANUAL_SEARCH !== undefined);
  const ms = await fresh.evaluate((q) => new Promise((done) => {
    const input = document.getElementById('q');
    const status = document.getElementById('search-status');
    const t0 = performance.now();
    const seen = new MutationObserver(() => {
      if (status.textContent.length > 0) {
        seen.disconnect();
        done(performance.now() - t0);
      }
    });
    seen.observe(status, { childList: true, characterData: true, subtree: true });
    input.value = q;
    input.dispatchEvent(new Event('input'));
  }), query);
  await fresh.waitForTimeout(300);
  timings.push(`${query}: ${ms.toFixed(1)} ms`);
  transfers.push(`${query}: ${(bytes / 1024).toFixed(0)} KB`);
  check(ms <= 250, `"${query}" took ${ms.toFixed(1)} ms to its first results (at most 250 ms)`);
  if (query.includes(' ')) {
    check(bytes <= 300 * 1024, `"${query}" downloaded ${(bytes / 1024).toFixed(0)} KB (at most 300 KB)`);
  }
  if (query === 'zzqx') {
    check((await fresh.$$eval('#search-results li', (l) => l.length)) === 0, 'nothing matches "zzqx"');
  } else {
    check((await fresh.$$eval('#search-results li', (l) => l.length)) > 0, `"${query}" finds chapters`);
  }
  await fresh.close();
}
console.log(`Stockport: search files ${smallIndex} bytes. 10,000 chapters: index files ` +
  `${(bigIndex / 1e6).toFixed(1)} MB of ${(siteBytes / 1e6).toFixed(1)} MB; ` +
  `typing to first results: ${timings.join(', ')}; downloaded per query: ${transfers.join(', ')}`);

await browser.close();
server.close();
if (problems.length) {
  console.log('search checks failed:');
  for (const p of problems) console.log(`  ${p}`);
  process.exit(1);
}
console.log('search checks: passed');
