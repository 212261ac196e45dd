// Reading an article as a reader does: its header (dates, reading time, tags, breadcrumbs),
// its series, the articles before and after it, its table of contents beside it (or folded
// above it on a phone), the home page's cards, and the archives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, markDocument, isSameDocument, FIXTURE_URL } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const LONG_READ = '/posts/series/third/';

test('an article header shows its dates, reading time and tags, and a tag leads to its page', async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + LONG_READ);
  const meta = page.locator('.page-header .page-meta');
  assert.equal(await meta.locator('time').first().innerText(), 'June 4, 2025');
  assert.equal(await meta.locator('.updated').innerText(), 'Updated June 20, 2025');
  assert.equal(await meta.locator('.updated time').getAttribute('datetime'), '2025-06-20T12:00:00Z');
  assert.match(await meta.locator('.reading-time').innerText(), /^\d+ min read$/);
  const tags = page.getByRole('navigation', { name: 'Tags' });
  assert.deepEqual(await tags.getByRole('link').allInnerTexts(), ['Rust']);
  await markDocument(page);
  await tags.getByRole('link', { name: 'Rust' }).click();
  await page.waitForURL(FIXTURE_URL + '/tags/rust/');
  await page.locator('h1.page-title', { hasText: 'Rust' }).waitFor();
  assert.equal(await isSameDocument(page), true);
  assert.ok((await page.locator('.card-title').allInnerTexts()).includes('Third: a long read'));

  // A page updated the day it was written, or never, shows no "Updated".
  await openApp(page, FIXTURE_URL + '/posts/series/first-post/');
  assert.equal(await page.locator('.page-meta .updated').count(), 0);
  assert.deepEqual(page.pageErrors, []);
});

test('breadcrumbs lead from the home page to the article, and each step is followed in the app', async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + LONG_READ);
  const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
  assert.deepEqual(await crumbs.getByRole('link').allInnerTexts(), ['Home', 'Posts', 'A Series', 'Third: a long read']);
  assert.equal(await crumbs.locator('[aria-current="page"]').innerText(), 'Third: a long read');
  await markDocument(page);
  await crumbs.getByRole('link', { name: 'A Series' }).click();
  await page.waitForURL(FIXTURE_URL + '/posts/series/');
  await page.locator('h1.page-title', { hasText: 'A Series' }).waitFor();
  assert.deepEqual(await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').allInnerTexts(),
    ['Home', 'Posts', 'A Series']);
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Home' }).click();
  await page.waitForURL(FIXTURE_URL + '/');
  await page.locator('.page-card').first().waitFor();
  assert.equal(await isSameDocument(page), true);
  assert.deepEqual(page.pageErrors, []);
});

test('previous and next follow the series order, and a click moves along it', async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + '/posts/series/second/');
  const nav = page.getByRole('navigation', { name: 'Previous and next articles' });
  assert.equal(await nav.locator('[data-kind="previous"] a').innerText(), 'First post');
  assert.equal(await nav.locator('[data-kind="next"] a').innerText(), 'Third: a long read');
  assert.equal(await nav.locator('[data-kind="previous"] a').evaluate((a) => getComputedStyle(a, '::before').content),
    '"← Previous"', 'labelled for the eye');
  await markDocument(page);
  await nav.getByRole('link', { name: /Third: a long read/ }).click();
  await page.waitForURL(FIXTURE_URL + LONG_READ);
  await page.locator('h1.page-title', { hasText: 'Third: a long read' }).waitFor();
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'the next article opens at its top');
  const last = page.getByRole('navigation', { name: 'Previous and next articles' });
  assert.equal(await last.locator('[data-kind="next"]').count(), 0, 'the last article has no next');
  await last.getByRole('link', { name: /Second post/ }).click();
  await page.locator('h1.page-title', { hasText: 'Second post' }).waitFor();
  assert.equal(await isSameDocument(page), true);
  assert.deepEqual(page.pageErrors, []);
});

test('the series box lists every part in order with the current one marked', async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + '/posts/series/second/');
  const series = page.getByRole('navigation', { name: 'Series' });
  assert.deepEqual(await series.getByRole('listitem').allInnerTexts(),
    ['A Series', 'First post', 'Second post', 'Third: a long read']);
  // The stylesheet says "Series:" before the title and numbers the parts.
  const before = (selector) => series.locator(selector).first().evaluate((item) => getComputedStyle(item, '::before').content);
  assert.equal(await before('[data-kind="series-title"]'), '"Series: "');
  assert.match(await before('li:not([data-kind])'), /counter\(part\)/);
  assert.equal(await series.locator('[aria-current="page"]').innerText(), 'Second post');
  assert.equal(await series.getByRole('link', { name: 'A Series' }).getAttribute('href'), '/posts/series/');
  await series.getByRole('link', { name: 'First post' }).click();
  await page.locator('h1.page-title', { hasText: 'First post' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Series' }).locator('[aria-current="page"]').innerText(), 'First post');
  // A leaf bundle right in posts/ belongs to the blog, not to a series.
  await openApp(page, FIXTURE_URL + '/posts/bundle/');
  assert.equal(await page.getByRole('navigation', { name: 'Series' }).count(), 0);
  assert.deepEqual(page.pageErrors, []);
});

test('on a wide screen the table of contents sits beside the article and marks the part being read', async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await openApp(page, FIXTURE_URL + LONG_READ);
  const toc = page.getByRole('navigation', { name: 'Table of contents' });
  assert.deepEqual(await toc.getByRole('link').allInnerTexts(), [
    'Before you start', 'What you need', 'What you will learn', 'Writing the first draft', 'Front matter', 'Publishing',
  ]);
  const tocBox = await toc.boundingBox();
  const bodyBox = await page.locator('.content').boundingBox();
  assert.ok(tocBox.x >= bodyBox.x + bodyBox.width, 'beside the body, not above it');
  assert.ok(await toc.getByRole('link', { name: 'Publishing' }).isVisible(), 'open without a click');
  assert.equal(await toc.locator('[aria-current]').count(), 0, 'nothing read yet at the top');

  await toc.getByRole('link', { name: 'Front matter' }).click();
  await page.waitForURL(FIXTURE_URL + LONG_READ + '#front-matter');
  await page.waitForFunction(() => Math.abs(document.getElementById('front-matter').getBoundingClientRect().top) < 40);
  await page.waitForFunction(() => document.querySelector('.toc [aria-current]')?.textContent === 'Front matter');
  assert.ok(await toc.isVisible(), 'it stays in view while reading');

  await page.evaluate(() => window.scrollTo(0,
    document.getElementById('writing-the-first-draft').getBoundingClientRect().top + window.scrollY));
  await page.waitForFunction(() => document.querySelector('.toc [aria-current]')?.textContent === 'Writing the first draft');
  assert.equal(await toc.locator('[aria-current]').count(), 1, 'one part at a time');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction(() => document.querySelector('.toc [aria-current]') === null);
  assert.deepEqual(page.pageErrors, []);
});

test('on a phone the table of contents is folded above the article until opened', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await openApp(page, FIXTURE_URL + LONG_READ);
  const toc = page.getByRole('navigation', { name: 'Table of contents' });
  const link = toc.getByRole('link', { name: 'Publishing' });
  assert.equal(await link.isVisible(), false, 'folded');
  const tocBox = await toc.boundingBox();
  const bodyBox = await page.locator('.content').boundingBox();
  assert.ok(tocBox.y + tocBox.height <= bodyBox.y, 'above the body');
  await toc.getByText('Contents').click();
  assert.equal(await link.isVisible(), true, 'opened');
  await link.click();
  await page.waitForURL(FIXTURE_URL + LONG_READ + '#publishing');
  await page.waitForFunction(() => Math.abs(document.getElementById('publishing').getBoundingClientRect().top) < 40);
  assert.deepEqual(page.pageErrors, []);
});

test('a page with fewer than two parts has no table of contents; the static page has no mark', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(FIXTURE_URL + '/posts/series/second/');
  assert.equal(await page.locator('.toc').count(), 0, 'one h2 only');
  await page.goto(FIXTURE_URL + LONG_READ);
  assert.equal(await page.locator('.toc a').count(), 6);
  assert.equal(await page.locator('.toc [aria-current]').count(), 0);
});

test('home cards show date, reading time, summary and a lazy cover thumbnail that takes its place at once', async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + '/');
  const bundle = page.locator('.page-card', { has: page.getByRole('link', { name: 'A leaf bundle', exact: true }) });
  assert.equal(await bundle.locator('.page-meta time').innerText(), 'May 20, 2025');
  assert.equal(await bundle.locator('.reading-time').innerText(), '1 min read');
  const thumbnail = bundle.locator('img.card-cover');
  assert.equal(await thumbnail.getAttribute('loading'), 'lazy');
  assert.equal(await thumbnail.getAttribute('alt'), 'A small square');
  const box = await thumbnail.boundingBox();
  assert.ok(box.width > 0 && Math.abs(box.width - box.height) < 1, 'a square box, sized by the stylesheet');
  const long = page.locator('.page-card', { has: page.getByRole('link', { name: 'Third: a long read', exact: true }) });
  assert.match(await long.locator('.reading-time').innerText(), /^[2-9] min read$/);
  assert.equal(await long.locator('.read-more').count(), 1, 'cut short: read more');
  assert.equal(await long.locator('img').count(), 0, 'no cover, no thumbnail');
  assert.deepEqual(page.pageErrors, []);
});

test('the archives list every article by year and month, newest first', async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + '/archives/');
  assert.equal(await page.locator('h1.page-title').innerText(), 'Archives');
  assert.deepEqual(await page.locator('.archive-year h2').allInnerTexts(), ['2025 (4)']);
  assert.deepEqual(await page.locator('.archive-month').allInnerTexts(), ['June (3)', 'May (1)']);
  assert.deepEqual(await page.locator('.archive-list a').allInnerTexts(),
    ['Third: a long read', 'Second post', 'First post', 'A leaf bundle']);
  await markDocument(page);
  await page.locator('.archive-list').getByRole('link', { name: 'A leaf bundle' }).click();
  await page.locator('h1.page-title', { hasText: 'A leaf bundle' }).waitFor();
  assert.equal(await isSameDocument(page), true);
  assert.deepEqual(page.pageErrors, []);
});
