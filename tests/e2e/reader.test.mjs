// What a reader does with the seed site: open it, read the series page, follow its link,
// go back, reload a deep link, mistype a URL, and survive a failed fetch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, markDocument, isSameDocument, SEED_URL } from './browser.mjs';

const SERIES_TITLE = 'AI-Native Development Frameworks (blog post series)';
const SERIES_PATH = '/posts/ai_frameworks/';
const MISSING_POST_PATH = '/posts/ai_frameworks/01_why_ai_frameworks/';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the home page lists the seed series with its date and summary', async () => {
  const page = await openPage(browser);
  await openApp(page, SEED_URL + '/');
  const card = page.locator('.page-card', { hasText: SERIES_TITLE });
  await card.waitFor();
  assert.equal(await card.locator('.card-title a').getAttribute('href'), SERIES_PATH);
  assert.equal(await card.locator('time').innerText(), 'May 10, 2025');
  assert.match(await card.locator('.summary').innerText(), /Like many others, I spent a lot of time/);
  assert.equal(await page.title(), 'AI-Native Frameworks Blog');
  assert.deepEqual(page.pageErrors, []);
});

test('opening the series shows its title, date and Markdown body, and no broken image', async () => {
  const page = await openPage(browser);
  await openApp(page, SEED_URL + '/');
  await markDocument(page);
  await page.getByRole('link', { name: SERIES_TITLE }).first().click();
  await page.waitForURL(SEED_URL + SERIES_PATH);
  await page.locator('.content').waitFor();
  assert.equal(await isSameDocument(page), true, 'opening a post must not reload the page');
  assert.equal(await page.locator('h1.page-title').innerText(), SERIES_TITLE);
  assert.equal(await page.locator('.page-header time').innerText(), 'May 10, 2025');
  assert.equal(await page.locator('.content strong', { hasText: 'engineering' }).count(), 1);
  assert.equal(await page.locator('.content strong', { hasText: 'AI-native frameworks' }).count(), 1);
  assert.equal(await page.locator('.content br').count(), 9, 'each trailing double space inside a paragraph is a hard line break');
  assert.equal(await page.locator('.content ol > li').count(), 1);
  const brokenImages = await page.evaluate(() =>
    [...document.images].filter((img) => !img.hidden && !img.closest('[hidden]') && img.complete && img.naturalWidth === 0).length);
  assert.equal(brokenImages, 0, 'a missing cover image is not shown as a broken image');
  assert.equal(await page.title(), `${SERIES_TITLE} | AI-Native Frameworks Blog`);
  assert.deepEqual(page.pageErrors, []);
});

test('the relref link navigates client-side to a not-found view naming the missing page; back returns', async () => {
  const page = await openPage(browser);
  await openApp(page, SEED_URL + SERIES_PATH);
  const link = page.getByRole('link', { name: 'Why AI frameworks?' });
  await link.waitFor();
  assert.equal(await link.getAttribute('href'), MISSING_POST_PATH);
  await markDocument(page);
  await link.click();
  await page.waitForURL(SEED_URL + MISSING_POST_PATH);
  const notFound = page.locator('.not-found');
  await notFound.waitFor();
  assert.equal(await isSameDocument(page), true, 'following a relref must not reload the page');
  assert.equal(await notFound.locator('.missing-path').innerText(), MISSING_POST_PATH);
  assert.equal(await notFound.getByRole('link', { name: 'Back to the home page' }).getAttribute('href'), '/');
  assert.equal(await page.title(), 'Page not found | AI-Native Frameworks Blog');

  await page.goBack();
  await page.waitForURL(SEED_URL + SERIES_PATH);
  await page.locator('h1.page-title', { hasText: SERIES_TITLE }).waitFor();
  assert.equal(await isSameDocument(page), true, 'back must not reload the page');
  await page.goForward();
  await page.waitForURL(SEED_URL + MISSING_POST_PATH);
  await page.locator('.not-found').waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('reloading a deep link shows the same page', async () => {
  const page = await openPage(browser);
  await openApp(page, SEED_URL + SERIES_PATH);
  await page.locator('.content').waitFor();
  await page.reload();
  await page.locator('h1.page-title', { hasText: SERIES_TITLE }).waitFor();
  assert.equal(await page.locator('.content ol > li').count(), 1);
  assert.deepEqual(page.pageErrors, []);
});

test('an unknown URL shows the not-found view with a way home', async () => {
  const page = await openPage(browser);
  await openApp(page, SEED_URL + '/no/such/page');
  await page.locator('.not-found').waitFor();
  assert.equal(await page.locator('.missing-path').innerText(), '/no/such/page/');
  await page.getByRole('link', { name: 'Back to the home page' }).click();
  await page.locator('.page-card', { hasText: SERIES_TITLE }).waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('a failed fetch during navigation shows an error with a retry button, and retrying loads the page', async () => {
  const page = await openPage(browser);
  const markdown = `${SEED_URL}${SERIES_PATH}index.md`;
  await page.route(markdown, (route) => route.abort('connectionrefused'));
  await openApp(page, SEED_URL + '/');
  await page.getByRole('link', { name: SERIES_TITLE }).first().click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not be loaded/);
  assert.match(await alert.innerText(), /posts\/ai_frameworks\/index\.md/);
  assert.equal(await page.locator('.site-title').count(), 1, 'the rest of the app keeps working');
  await page.waitForTimeout(400);
  assert.equal(await alert.count(), 1, 'the error stays until the reader acts (no skeleton over it)');

  await page.unroute(markdown);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('h1.page-title', { hasText: SERIES_TITLE }).waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(page.pageErrors, []);
});

test('when the app cannot load its data, the prerendered page stays readable', async () => {
  const page = await openPage(browser);
  await page.route(`${SEED_URL}/site.json`, (route) => route.abort('connectionrefused'));
  await page.goto(SEED_URL + SERIES_PATH);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('h1.page-title').innerText(), SERIES_TITLE);
  assert.equal(await page.locator('.content ol > li').count(), 1);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(page.pageErrors, []);
});

test('an HTML answer in place of Markdown (a host fallback page) is reported, not rendered', async () => {
  const page = await openPage(browser);
  await page.route(`${SEED_URL}${SERIES_PATH}index.md`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!DOCTYPE html><title>app</title>' }));
  await openApp(page, SEED_URL + '/');
  await page.getByRole('link', { name: SERIES_TITLE }).first().click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /is missing: the server sent an HTML page instead/);
  assert.deepEqual(page.pageErrors, []);
});

test('the site data is fetched once, and each page\'s data and Markdown once, however the reader moves', async () => {
  const page = await openPage(browser);
  const fetched = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await openApp(page, SEED_URL + '/');
  await page.locator('.page-card').first().waitFor();
  await page.getByRole('link', { name: SERIES_TITLE }).first().click();
  await page.locator('.content').waitFor();
  await page.getByRole('link', { name: 'Why AI frameworks?' }).click();
  await page.locator('.not-found').waitFor();
  await page.goBack();
  await page.locator('.content').waitFor();
  await page.goBack();
  await page.locator('.page-card').first().waitFor();
  const count = (path) => fetched.filter((p) => p === path).length;
  assert.equal(count('/site.json'), 1, `fetched: ${fetched.join(', ')}`);
  assert.equal(count('/route.json'), 1, `fetched: ${fetched.join(', ')}`);
  assert.equal(count(SERIES_PATH + 'route.json'), 1, `fetched: ${fetched.join(', ')}`);
  assert.equal(count(SERIES_PATH + 'index.md'), 1, `fetched: ${fetched.join(', ')}`);
  assert.equal(fetched.filter((path) => path.endsWith('.json') && !path.endsWith('route.json') && path !== '/site.json').length, 0,
    `no other data: ${fetched.join(', ')}`);
  assert.deepEqual(page.pageErrors, []);
});
