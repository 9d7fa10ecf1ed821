// Checks exported manuals in headless Chromium.
//   node check-export.mjs SITE_DIR [SITE_DIR ...]
// For every HTML page: runs axe-core at WCAG 2.2 AA (tags wcag2a, wcag2aa,
// wcag21a, wcag21aa, wcag22aa) and fails on any violation; follows every
// internal link and fails when its file or #anchor does not exist; checks
// structure: every numbered entry of the contents sits at the list depth its
// number gives (1.2.3 three levels down), and every entry of a chapter
// page's "In this section" list is a child of that section.
// Pages are served from 127.0.0.1 on a free port. Chromium comes from
// Debian's package (/usr/bin/chromium, or $CHROMIUM).
import { readdir, stat } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { launchChromium, serveFolders } from './serve.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const sites = process.argv.slice(2);
if (sites.length === 0) {
  console.error('usage: node check-export.mjs SITE_DIR [SITE_DIR ...]');
  process.exit(2);
}

const roots = sites.map((s) => path.resolve(s));
const { server, origin } = await serveFolders(roots);

async function htmlFiles(dir) {
  const out = [];
  for (const name of (await readdir(dir)).sort()) {
    const full = path.join(dir, name);
    if ((await stat(full)).isDirectory()) out.push(...(await htmlFiles(full)));
    else if (name.endsWith('.html')) out.push(full);
  }
  return out;
}

const idCache = new Map();
function idsOf(file) {
  if (!idCache.has(file)) {
    const text = readFileSync(file, 'utf8');
    idCache.set(file, new Set([...text.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1])));
  }
  return idCache.get(file);
}

// The checks of one page of `site` at `file`, in `page`: what is wrong.
async function checkPage(page, site, file) {
  const url = origin + file;
  const problems = [];
  const response = await page.goto(url);
  if (!response || !response.ok()) problems.push(`cannot load (${response && response.status()})`);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }));
  for (const v of result.violations) {
    problems.push(`axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
  }
  // Structure: a numbered entry's list depth is its number's length.
  const depthProblems = await page.$$eval('main ol.contents > li', (items) => items.flatMap((li) => {
    let depth = 1;
    for (let el = li.parentElement; el; el = el.parentElement) if (el.matches('ol.contents')) depth += 1;
    const label = li.querySelector(':scope > a, :scope > h3, :scope > h4, :scope > h5, :scope > h6');
    const match = label && label.textContent.match(/^(\d+(?:\.\d+)*)\s/);
    if (!match) return [];
    const expected = match[1].split('.').length;
    return expected === depth ? [] : [`"${label.textContent.slice(0, 50)}" is at list depth ${depth}, its number says ${expected}`];
  }));
  problems.push(...depthProblems);
  const localProblems = await page.$$eval('nav[aria-label="In this section"]', (navs) => navs.flatMap((nav) => {
    const heading = nav.querySelector('h2');
    const parent = heading && heading.textContent.match(/^(\d+(?:\.\d+)*)\.?\s/);
    if (!parent) return [];
    return [...nav.querySelectorAll('ol > li > a')].flatMap((a) => {
      const own = a.textContent.match(/^(\d+(?:\.\d+)*)\s/);
      if (!own) return [];
      const ok = own[1].startsWith(parent[1] + '.') && own[1].split('.').length === parent[1].split('.').length + 1;
      return ok ? [] : [`"${a.textContent.slice(0, 50)}" is listed in section ${parent[1]}`];
    });
  }));
  problems.push(...localProblems);
  // The page a reader is on stands out from the others in its trail and
  // its section's list (bold, not underlined), not only for screen readers.
  const currentProblems = await page.$$eval('nav a[aria-current="page"]', (links) => links.flatMap((a) => {
    const style = getComputedStyle(a);
    const shown = Number(style.fontWeight) >= 700 && !style.textDecorationLine.includes('underline');
    return shown ? [] : [`the current page's link "${a.textContent.slice(0, 50)}" looks like any other link`];
  }));
  problems.push(...currentProblems);
  const hrefs = await page.$$eval('a[href]', (links) => links.map((a) => a.getAttribute('href')));
  for (const href of hrefs) {
    if (/^(https?:|mailto:)/i.test(href)) continue;
    const target = new URL(href, url);
    if (target.origin !== origin) {
      problems.push(`link leaves the site: ${href}`);
      continue;
    }
    const targetFile = decodeURIComponent(target.pathname);
    if (!targetFile.startsWith(path.resolve(site))) problems.push(`link leaves the export folder: ${href}`);
    else if (!existsSync(targetFile)) problems.push(`broken link: ${href}`);
    else if (target.hash && targetFile.endsWith('.html') && !idsOf(targetFile).has(decodeURIComponent(target.hash.slice(1)))) {
      problems.push(`broken anchor: ${href}`);
    }
  }
  return problems;
}

// Every page of every site, checked by as many pages at once as the
// machine has cores (each in a context of its own, so each renders in a
// process of its own): the checks wait on the renderer's one thread, and
// one page at a time left the other core idle.
const queue = [];
for (const site of sites) {
  for (const file of await htmlFiles(path.resolve(site))) queue.push({ site, file });
}
const browser = await launchChromium();
let passed = 0;
let failed = 0;
async function worker() {
  // The pages forbid scripts from elsewhere (CSP); axe is injected for the test only.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  for (let next = queue.shift(); next; next = queue.shift()) {
    const problems = await checkPage(page, next.site, next.file);
    if (problems.length) {
      failed += 1;
      console.log(`FAIL ${path.relative(process.cwd(), next.file)}`);
      for (const p of problems) console.log(`  ${p}`);
    } else {
      passed += 1;
    }
  }
  await context.close();
}
const workers = Math.max(1, Math.min(4, availableParallelism()));
await Promise.all(Array.from({ length: workers }, worker));
await browser.close();
server.close();
console.log(`browser checks: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
