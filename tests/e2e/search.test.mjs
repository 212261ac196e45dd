// Search on the fixture site: nothing of it is fetched until the reader opens it (`/`, the
// header's control), results as you type with highlighted excerpts and sub-results that lead
// to a heading, filters, the keyboard, an address that can be shared, a query with a typo,
// all within the pages' Content-Security-Policy, axe-clean; without JavaScript the page says
// search needs it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import {
  launch, openPage, openApp, markDocument, isSameDocument, FIXTURE_URL, PREFIXED_URL,
} from './browser.mjs';

const SEARCH_URL = FIXTURE_URL;
const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A page that records every request for search's files and every policy violation. */
async function searchPage(options = {}) {
  const page = await openPage(browser, options);
  page.searchRequests = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith('/search-index/')) page.searchRequests.push(path);
  });
  page.violations = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) page.violations.push(message.text());
  });
  await page.exposeFunction('reportViolation', (text) => page.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      window.reportViolation(`${event.violatedDirective}: ${event.blockedURI}`));
  });
  return page;
}

/** The results' text once the live region has announced them. */
async function searchFor(page, query) {
  await page.locator('#search-input').fill(query);
  await page.locator('#search-status', { hasText: query }).waitFor();
  return page.locator('#search-status').textContent();
}

test('nothing of search loads with a page; `/` opens it in the app, and results come as you type', async () => {
  const page = await searchPage();
  await openApp(page, SEARCH_URL + '/posts/series/first-post/');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(page.searchRequests, [], 'no search file with the page');
  await markDocument(page);

  await page.keyboard.press('/');
  await page.waitForURL(SEARCH_URL + '/search/');
  await page.waitForFunction(() => document.activeElement?.id === 'search-input');
  assert.ok(await isSameDocument(page), 'search opened in the app');
  assert.equal(await page.title(), 'Search | Fixture Blog');

  await page.keyboard.type('reading position');
  assert.equal(await page.locator('#search-status').filter({ hasText: 'reading position' }).textContent(),
    '1 result for “reading position”.');
  const hit = page.locator('.search-hit');
  assert.equal(await hit.locator('.search-title').textContent(), 'Third: a long read');
  assert.equal(await hit.locator('.search-meta').textContent(), 'June 4, 2025A Series');
  assert.ok(await hit.locator('.search-excerpt mark').count() > 0, 'the excerpt marks the words');
  const subs = hit.locator('.search-subs a');
  assert.deepEqual(await subs.evaluateAll((links) => links.map((link) => link.getAttribute('href'))), [
    '/posts/series/third/#before-you-start',
    '/posts/series/third/#what-you-need',
    '/posts/series/third/#what-you-will-learn',
  ]);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'reading position', 'the address follows the query');
  assert.ok(page.searchRequests.some((path) => path.startsWith('/search-index/stems/')), 'the words\' lists were read');
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.pageErrors, []);
});

test('the header control opens search; a tag filter narrows the results', async () => {
  const page = await searchPage();
  await openApp(page, SEARCH_URL + '/');
  await page.locator('.site-header .search-link').click();
  await page.waitForURL(SEARCH_URL + '/search/');
  assert.match(await searchFor(page, 'post'), /^[2-9] results for “post”\.$/);
  // Newest first, from the module's own control; the address says so.
  const datesShown = () => page.locator('.search-hit time').evaluateAll((times) =>
    times.map((time) => Date.parse(time.getAttribute('datetime'))).filter(Number.isFinite));
  const relevance = await datesShown();
  assert.notDeepEqual(relevance, [...relevance].sort((a, b) => b - a), 'the fixture tells the orders apart');
  await page.locator('#search-sort').selectOption('date');
  await page.waitForURL((url) => url.searchParams.get('sort') === 'date');
  await page.waitForFunction((count) => {
    const dates = [...document.querySelectorAll('.search-hit time')]
      .map((time) => Date.parse(time.getAttribute('datetime'))).filter(Number.isFinite);
    return dates.length === count && dates.every((date, index) => index === 0 || dates[index - 1] >= date);
  }, relevance.length);
  await page.locator('#search-sort').selectOption('');
  await page.locator('#search-tag option[value="Web Assembly"]').waitFor({ state: 'attached' });
  await page.locator('#search-tag').selectOption('Web Assembly');
  await page.locator('#search-status', { hasText: '1 result' }).waitFor();
  assert.deepEqual(await page.locator('.search-title').allTextContents(), ['First post']);
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.pageErrors, []);
});

test('arrows move through the results and Enter opens one in the app, at its heading', async () => {
  const page = await searchPage({ viewport: { width: 800, height: 600 } });
  await openApp(page, SEARCH_URL + '/search/');
  await markDocument(page);
  await searchFor(page, 'reading position');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Third: a long read');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'What you need');
  await page.keyboard.press('Enter');
  await page.waitForURL(SEARCH_URL + '/posts/series/third/#what-you-need');
  await page.locator('h1.page-title', { hasText: 'Third: a long read' }).waitFor();
  assert.ok(await isSameDocument(page), 'the result opened in the app');
  await page.waitForFunction(() => Math.abs(document.getElementById('what-you-need').getBoundingClientRect().top) < 80);

  // Back to the search, as it was left.
  await page.goBack();
  await page.locator('#search-status', { hasText: '1 result' }).waitFor();
  assert.equal(await page.locator('#search-input').inputValue(), 'reading position');
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.pageErrors, []);
});

test('a shared address searches on load and again on reload; a typo still finds the page', async () => {
  const page = await searchPage();
  await page.goto(SEARCH_URL + '/search/?q=tabel%20of%20contnts');
  await page.locator('#search-status', { hasText: 'tabel' }).waitFor();
  assert.match(await page.locator('#search-status').textContent(),
    /^\d results? for “tabel of contnts”, read as “table of contents”\.$/);
  assert.equal(await page.locator('.search-title').first().textContent(), 'Third: a long read');
  assert.ok(page.searchRequests.some((path) => path.startsWith('/search-index/vocabulary/')));
  // A word typed in part, before the last, is read as the start of longer words.
  await page.locator('#search-input').fill('');
  assert.equal(await searchFor(page, 'readi position'), '1 result for “readi position”.');
  assert.equal(await page.locator('.search-title').first().textContent(), 'Third: a long read');
  assert.ok((await page.locator('.search-hit .search-excerpt mark').allTextContents()).includes('reading'));
  await page.goto(SEARCH_URL + '/search/?q=tabel%20of%20contnts');
  await page.locator('#search-status', { hasText: 'tabel' }).waitFor();
  await page.reload();
  await page.locator('#search-status', { hasText: 'tabel' }).waitFor();
  assert.equal(await page.locator('.search-title').first().textContent(), 'Third: a long read');
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.pageErrors, []);
});

test('a word written with combining signs (a Hindi virama) is one word, found and marked whole', async () => {
  const page = await searchPage();
  await page.goto(SEARCH_URL + '/search/?q=' + encodeURIComponent('हिन्दी'));
  await page.locator('#search-status', { hasText: 'हिन्दी' }).waitFor();
  assert.equal(await page.locator('#search-status').textContent(), '1 result for “हिन्दी”.');
  assert.equal(await page.locator('.search-title').first().textContent(), 'Third: a long read');
  const marked = await page.locator('.search-hit .search-excerpt mark').allTextContents();
  assert.ok(marked.length > 0 && marked.every((word) => word === 'हिन्दी'), `marked: ${marked}`);
  assert.deepEqual(page.pageErrors, []);
});

test('on a desktop the search box has a line of its own, and the filters and the order fill the next', async () => {
  const page = await searchPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(SEARCH_URL + '/search/?q=reading');
  await page.locator('#search-status', { hasText: 'reading' }).waitFor();
  const [input, ...selects] = await page.evaluate(() =>
    [...document.querySelectorAll('.search-form input, .search-form select')].map((control) => {
      const box = control.getBoundingClientRect();
      return { top: Math.round(box.top), bottom: Math.round(box.bottom), left: Math.round(box.left), right: Math.round(box.right) };
    }));
  assert.equal(selects.length, 3, 'tag and section filters and the order');
  assert.ok(selects.every((select) => select.top === selects[0].top && select.top >= input.bottom),
    `one line below the box: ${JSON.stringify({ input, selects })}`);
  assert.ok(Math.abs(selects[0].left - input.left) <= 1 && Math.abs(selects[2].right - input.right) <= 1,
    `as wide as the box: ${JSON.stringify({ input, selects })}`);
  assert.deepEqual(page.pageErrors, []);
});

test('a search that cannot reach the index says so, not "no results"; searching again finds the page', async () => {
  const page = await searchPage();
  await page.goto(SEARCH_URL + '/search/');
  // The runtime is loaded (its filters are in the form); then the connection goes.
  await page.locator('#search-tag option', { hasText: '(' }).first().waitFor({ state: 'attached' });
  await page.route('**/search-index/**', (route) => route.abort('internetdisconnected'));
  assert.equal(await searchFor(page, 'reading position'),
    'Search could not reach its index for “reading position”: check the connection and search again.');
  assert.equal(await page.locator('.search-hit').count(), 0);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.locator('#search-input').fill('');
  assert.equal(await searchFor(page, 'reading position'), '1 result for “reading position”.');
  assert.equal(await page.locator('.search-title').first().textContent(), 'Third: a long read');
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.pageErrors, []);
});

test("a result's text stored gzipped reads the same from a host that sends it decoded", async () => {
  const page = await searchPage();
  // As a host that serves the file with Content-Encoding: gzip has the browser hand over.
  const decoded = [];
  await page.route('**/search-index/pages/*.json.gz', async (route) => {
    const response = await route.fetch();
    const body = gunzipSync(await response.body());
    decoded.push(new URL(route.request().url()).pathname);
    await route.fulfill({ response, body });
  });
  await page.goto(SEARCH_URL + '/search/');
  assert.equal(await searchFor(page, 'reading position'), '1 result for “reading position”.');
  assert.equal(await page.locator('.search-title').first().textContent(), 'Third: a long read');
  assert.ok((await page.locator('.search-hit .search-excerpt mark').allTextContents()).includes('reading'));
  assert.ok(decoded.length > 0, "the result's text came decoded");
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.pageErrors, []);
});

test('Escape from an empty search box closes search', async () => {
  const page = await searchPage();
  await openApp(page, SEARCH_URL + '/posts/');
  await page.keyboard.press('/');
  await page.waitForURL(SEARCH_URL + '/search/');
  await page.waitForFunction(() => document.activeElement?.id === 'search-input');
  await page.keyboard.press('Escape');
  await page.waitForURL(SEARCH_URL + '/posts/');
  assert.deepEqual(page.pageErrors, []);
});

test('open search with results has no serious or critical axe violation', async () => {
  // axe is injected as an inline script, which the pages' policy forbids: this test lets it in.
  const page = await openPage(browser, { bypassCSP: true });
  await openApp(page, SEARCH_URL + '/search/?q=reading');
  await page.locator('#search-status', { hasText: 'reading' }).waitFor();
  await page.addScriptTag({ path: AXE_SCRIPT });
  const violations = await page.evaluate(async () =>
    (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .filter((violation) => ['serious', 'critical'].includes(violation.impact))
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`));
  assert.deepEqual(violations, []);
  assert.deepEqual(page.pageErrors, []);
});

test('under a base path, search loads from it and its results lead under it', async () => {
  const page = await searchPage();
  await openApp(page, PREFIXED_URL + '/search/');
  await searchFor(page, 'note');
  const hrefs = await page.locator('.search-title').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  assert.ok(hrefs.length > 0 && hrefs.every((href) => href.startsWith('/blog/')), hrefs.join(' '));
  assert.ok(page.searchRequests.length === 0, 'no request outside the base path');
  assert.deepEqual(page.violations, []);
  assert.deepEqual(page.pageErrors, []);
});

test('without JavaScript the search page says search needs it and links the archives and tags', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(SEARCH_URL + '/search/');
  const notice = page.locator('.search-noscript');
  assert.ok(await notice.isVisible());
  assert.match(await notice.textContent(), /^Search needs JavaScript/);
  assert.deepEqual(await notice.locator('a').evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
    ['/archives/', '/tags/']);
  assert.equal(await page.locator('.search-form').isVisible(), false);
});

test('results from hostile pages are text: nothing an author wrote runs or becomes markup', async () => {
  // The hostile site as GitHub Pages serves it (no _headers, so no policy header to lean on).
  const hostileUrl = process.env.HOSTILE_BARE_URL ?? 'http://127.0.0.1:8095';
  const page = await searchPage();
  const dialogs = [];
  page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
  await openApp(page, `${hostileUrl}/search/?q=hostile`);
  await page.locator('#search-status', { hasText: 'hostile' }).waitFor();
  assert.ok(await page.locator('#search-results .search-hit').count() > 0, 'the hostile pages are found');
  const tags = await page.locator('#search-results *').evaluateAll((nodes) => [...new Set(nodes.map((node) => node.localName))]);
  assert.deepEqual(tags.filter((tag) => !['li', 'a', 'p', 'time', 'span', 'mark', 'ul'].includes(tag)), [], 'only the results\' own elements');
  const hrefs = await page.locator('#search-results a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
  assert.ok(hrefs.every((href) => href === '' || href.startsWith('/')), JSON.stringify(hrefs));
  assert.match(await page.locator('#search-results').textContent(), /<script>window.__hostile/, 'markup shown as text');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__hostile), undefined);
  assert.deepEqual(dialogs, []);
});
