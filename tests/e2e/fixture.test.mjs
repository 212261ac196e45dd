// The fixture site, where relref targets exist: links resolve by Hugo's rules and lead to
// the right pages client-side; a leaf bundle's cover image is found and shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, markDocument, isSameDocument, FIXTURE_URL } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

async function openSeries(page) {
  await openApp(page, FIXTURE_URL + '/posts/series/');
  await page.locator('.content').waitFor();
}

test('a relref by base name reaches the existing post without a reload', async () => {
  const page = await openPage(browser);
  await openSeries(page);
  const link = page.locator('.content').getByRole('link', { name: 'First post' });
  assert.equal(await link.getAttribute('href'), '/posts/series/first-post/');
  assert.equal(await link.getAttribute('class'), null, 'a resolved link is not marked broken');
  await markDocument(page);
  await link.click();
  await page.waitForURL(FIXTURE_URL + '/posts/series/first-post/');
  await page.locator('h1.page-title', { hasText: 'First post' }).waitFor();
  assert.equal(await isSameDocument(page), true);
  assert.equal(await page.locator('.content strong').innerText(), 'first');
  assert.equal(await page.title(), 'First post | Fixture Blog');

  await page.locator('.content').getByRole('link', { name: 'the series index' }).click();
  await page.waitForURL(FIXTURE_URL + '/posts/series/');
  await page.locator('h1.page-title', { hasText: 'A Series' }).waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('a relative relref with an anchor and an absolute ref resolve to the right URLs', async () => {
  const page = await openPage(browser);
  await openSeries(page);
  const content = page.locator('.content');
  assert.equal(await content.getByRole('link', { name: 'Second post, part two' }).getAttribute('href'),
    '/posts/series/second/#part-two');
  assert.equal(await content.getByRole('link', { name: 'The bundle' }).getAttribute('href'),
    'https://fixture.example/posts/bundle/', 'ref gives the absolute permalink');
  await content.getByRole('link', { name: 'Second post, part two' }).click();
  await page.waitForURL(FIXTURE_URL + '/posts/series/second/#part-two');
  await page.locator('h2#part-two').waitFor();
  assert.deepEqual(page.pageErrors, []);
});

test('the series page lists its posts in Hugo order: weight first', async () => {
  const page = await openPage(browser);
  await openSeries(page);
  const titles = await page.locator('.page-list .card-title').allInnerTexts();
  assert.deepEqual(titles, ['First post', 'Second post', 'Third: a long read']);
  assert.deepEqual(page.pageErrors, []);
});

test("a leaf bundle's cover image is shown with its alt text and caption", async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + '/posts/bundle/');
  const cover = page.locator('figure.cover');
  await cover.waitFor();
  const image = cover.locator('img');
  assert.equal(await image.getAttribute('alt'), 'A small square');
  await page.waitForFunction(() => document.querySelector('figure.cover img')?.complete);
  assert.equal(await image.evaluate((img) => img.naturalWidth), 64);
  assert.equal(await cover.locator('figcaption').innerText(), "The bundle's own cover image");
  assert.deepEqual(page.pageErrors, []);
});

test("an alias (a page's old address) shows the page under its own URL", async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + '/old/first-post/');
  await page.locator('h1.page-title', { hasText: 'First post' }).waitFor();
  await page.waitForURL(FIXTURE_URL + '/posts/series/first-post/');
  assert.equal(await page.title(), 'First post | Fixture Blog');
  assert.deepEqual(page.pageErrors, []);
});
