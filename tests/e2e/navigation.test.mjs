// How moving around feels: links fetched before the click, a new page at its top (or at its
// #anchor) with focus on its heading, back and forward where the reader left off, a
// skeleton only when a page is slow, and a head that follows the page. On the fixture site
// under /blog/, whose long note is tall enough to scroll.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, markDocument, isSameDocument, PREFIXED_URL } from './browser.mjs';

const LONG = '/blog/notes/long/';
const FIRST = '/blog/notes/first/';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Pathnames of Markdown requests, as the page makes them. */
function watchMarkdown(page) {
  const requested = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith('.md')) requested.push(path);
  });
  return requested;
}

test('pointing at a link fetches its page before the click, and the click fetches nothing more', async () => {
  const page = await openPage(browser);
  await openApp(page, PREFIXED_URL + '/notes/');
  const requested = watchMarkdown(page);
  const link = page.locator('.page-card', { hasText: 'A long note' }).getByRole('link', { name: 'A long note', exact: true });
  await link.hover();
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((entry) => entry.name.endsWith('/notes/long/index.md')));
  assert.deepEqual(requested, [`${LONG}index.md`], 'hovering fetched the page');
  await link.click();
  await page.locator('h1.page-title', { hasText: 'A long note' }).waitFor();
  assert.deepEqual(requested, [`${LONG}index.md`], 'the click reused the prefetch');

  assert.deepEqual(page.pageErrors, []);
});

test('a new page starts at its top with focus on its heading; back returns to where the reader was', async () => {
  const page = await openPage(browser, { viewport: { width: 800, height: 600 } });
  await openApp(page, PREFIXED_URL + '/notes/long/');
  const end = page.locator('.content').getByRole('link', { name: 'the first note' });
  await end.scrollIntoViewIfNeeded();
  const leftAt = await page.evaluate(() => window.scrollY);
  assert.ok(leftAt > 1000, `the long note scrolls (${leftAt})`);
  await markDocument(page);
  await end.click();
  await page.locator('h1.page-title', { hasText: 'First note' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the new page starts at its top');

  await page.goBack();
  await page.locator('h1.page-title', { hasText: 'A long note' }).waitFor();
  await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 2, leftAt);
  await page.goForward();
  await page.locator('h1.page-title', { hasText: 'First note' }).waitFor();
  await page.waitForFunction(() => window.scrollY === 0);
  assert.equal(await isSameDocument(page), true);
  assert.deepEqual(page.pageErrors, []);
});

test('a link to a #anchor on another page lands on that heading', async () => {
  const page = await openPage(browser, { viewport: { width: 800, height: 600 } });
  await openApp(page, PREFIXED_URL + '/notes/first/');
  await page.locator('.content').getByRole('link', { name: 'part three of the long note' }).click();
  await page.waitForURL(PREFIXED_URL + '/notes/long/#part-three');
  const heading = page.locator('h2#part-three');
  await heading.waitFor();
  await page.waitForFunction(() => Math.abs(document.getElementById('part-three').getBoundingClientRect().top) < 5);
  assert.ok(await page.evaluate(() => window.scrollY) > 500);
  assert.deepEqual(page.pageErrors, []);
});

test('a slow page shows a skeleton after a moment, then the page', async () => {
  const page = await openPage(browser);
  await openApp(page, PREFIXED_URL + '/notes/');
  await page.route(`**${FIRST}index.md`, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  await page.locator('.page-card').getByRole('link', { name: 'First note' }).click();
  const skeleton = page.locator('.skeleton[role="status"]');
  await skeleton.waitFor();
  assert.equal(await page.locator('.page-card').count(), 0, 'the old page is gone');
  await page.locator('h1.page-title', { hasText: 'First note' }).waitFor();
  assert.equal(await skeleton.count(), 0);

  // A fast page shows no skeleton at all.
  const sawSkeleton = page.evaluate(() => new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (document.querySelector('.skeleton')) resolve(true);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    setTimeout(() => resolve(false), 1000);
  }));
  await page.locator('.site-title').click();
  assert.equal(await sawSkeleton, false);
  assert.deepEqual(page.pageErrors, []);
});

test('the title, meta description and canonical URL follow the page', async () => {
  const page = await openPage(browser);
  await openApp(page, PREFIXED_URL + '/notes/');
  await page.locator('.page-card').getByRole('link', { name: 'A long note', exact: true }).click();
  await page.locator('h1.page-title', { hasText: 'A long note' }).waitFor();
  assert.equal(await page.title(), 'A long note | Prefixed Blog');
  assert.equal(await page.locator('meta[name="description"]').getAttribute('content'),
    'A note long enough to scroll through.');
  assert.equal(await page.locator('link[rel="canonical"]').getAttribute('href'),
    'https://example.org/blog/notes/long/');
  assert.deepEqual(page.pageErrors, []);
});

test('a link to a file of the site (not a page) is opened by the browser', async () => {
  const page = await openPage(browser);
  await openApp(page, PREFIXED_URL + '/notes/first/');
  await page.locator('.content').getByRole('link', { name: 'cover.png' }).click();
  await page.waitForURL(PREFIXED_URL + '/notes/pictured/cover.png');
  assert.equal(await page.locator('.not-found').count(), 0);
  assert.equal(await page.evaluate(() => document.contentType), 'image/png');
});
