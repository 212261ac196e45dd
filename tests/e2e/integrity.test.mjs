// The app never makes a page worse: Markdown that is truncated, empty or changed since the
// build (checked against the integrity its route data records) is an error with a retry,
// never a page; a fetch that never answers gives up after its timeout; and the page's preload
// is what the app reads (one request, not two), its integrity checked all the same.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { launch, openPage, openApp, FIXTURE_URL } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const SERIES = '/posts/series/';
const SECOND = '/posts/series/second/';
const SECOND_MARKDOWN = `${FIXTURE_URL}${SECOND}index.md`;
/** A sentence at the end of the second post: only a complete page has it. */
const SECOND_LAST_WORDS = 'Here the second part starts.';
/** `FETCH_TIMEOUT` in src/fetch.rs. */
const FETCH_TIMEOUT_MS = 15_000;

/** Ways a host can answer 200 with Markdown that is not the build's. */
const BAD_ANSWERS = {
  truncated: async (route) => {
    const response = await route.fetch();
    const text = await response.text();
    await route.fulfill({ response, body: text.slice(0, Math.floor(text.length / 2)) });
  },
  empty: (route) => route.fulfill({ status: 200, contentType: 'text/markdown; charset=utf-8', body: '' }),
};

/** Resolves with the app's report when it gives up taking the page over. */
function staysStatic(page) {
  return page.waitForEvent('console', {
    predicate: (message) => message.text().includes('the app could not start; the page stays static'),
  }).then((message) => message.text());
}

async function assertCompleteStaticSecond(page) {
  assert.equal(await page.locator('h1.page-title').innerText(), 'Second post');
  assert.match(await page.locator('.content').innerText(), new RegExp(SECOND_LAST_WORDS));
  assert.equal(await page.locator('#part-two').count(), 1);
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.equal(await page.locator('html[data-app="live"]').count(), 0, 'the app did not take over');
}

for (const [answer, fulfil] of Object.entries(BAD_ANSWERS)) {
  test(`an index.md that arrives ${answer} on the first load leaves the complete static page`, async () => {
    const page = await openPage(browser);
    await page.route(SECOND_MARKDOWN, fulfil);
    const report = staysStatic(page);
    await page.goto(FIXTURE_URL + SECOND);
    assert.match(await report, /index\.md does not match this build of the site \(truncated or changed\)/);
    await assertCompleteStaticSecond(page);
    assert.deepEqual(page.pageErrors, []);
  });

  test(`an index.md that arrives ${answer} on a navigation shows the error with a retry, and retrying shows the page`, async () => {
    const page = await openPage(browser);
    await openApp(page, FIXTURE_URL + SERIES);
    await page.route(SECOND_MARKDOWN, fulfil);
    await page.locator('.page-list').getByRole('link', { name: 'Second post' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /second\/index\.md does not match this build of the site/);
    assert.equal(await page.locator('.content').count(), 0, 'nothing of the bad Markdown is shown');

    await page.unroute(SECOND_MARKDOWN);
    await page.getByRole('button', { name: 'Try again' }).click();
    await page.locator('h1.page-title', { hasText: 'Second post' }).waitFor();
    assert.match(await page.locator('.content').innerText(), new RegExp(SECOND_LAST_WORDS));
    assert.equal(await alert.count(), 0);
    assert.deepEqual(page.pageErrors, []);
  });
}

test('after the site is rebuilt under an open tab, Try again fetches the new route data and shows the new page', async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + SERIES);
  // The deploy: the second post has changed, and so has its integrity in its route data. The
  // tab fetches that data once before the deploy (on hover or click), then after it.
  const rebuilt = `${(await (await page.request.get(SECOND_MARKDOWN)).text())}\nRewritten after the build.\n`;
  let routeFetches = 0;
  await page.route(`${FIXTURE_URL}${SECOND}route.json`, async (route) => {
    routeFetches += 1;
    const data = await (await route.fetch()).json();
    if (routeFetches > 1) {
      data.pages[data.page_index].markdown_integrity = `sha256-${createHash('sha256').update(rebuilt).digest('base64')}`;
    }
    await route.fulfill({ json: data });
  });
  // Held until the click, so that the click finds the tab still on the old index.
  let clicked;
  const click = new Promise((resolve) => { clicked = resolve; });
  await page.route(SECOND_MARKDOWN, async (route) => {
    await click;
    await route.fulfill({ contentType: 'text/markdown; charset=utf-8', body: rebuilt });
  });
  await page.locator('.page-list').getByRole('link', { name: 'Second post' }).click();
  clicked();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /does not match this build of the site/);

  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('h1.page-title', { hasText: 'Second post' }).waitFor();
  assert.match(await page.locator('.content').innerText(), /Rewritten after the build\./);
  assert.deepEqual(page.pageErrors, []);
});

test('a Markdown request that never answers ends in the error with a retry, not an endless skeleton', async () => {
  const page = await openPage(browser);
  // The page's timers run on a clock the test can move on, so the run does not wait 15 s.
  await page.clock.install();
  await openApp(page, FIXTURE_URL + SERIES);
  await page.route(SECOND_MARKDOWN, () => {});
  await page.locator('.page-list').getByRole('link', { name: 'Second post' }).click();
  const skeleton = page.locator('.skeleton[role="status"]');
  await skeleton.waitFor();

  await page.clock.fastForward(FETCH_TIMEOUT_MS - 1_000);
  await page.waitForTimeout(200);
  assert.equal(await skeleton.count(), 1, 'still waiting before the timeout');
  await page.clock.fastForward(2_000);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /second\/index\.md did not arrive within 15 seconds/);
  assert.equal(await skeleton.count(), 0);

  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('h1.page-title', { hasText: 'Second post' }).waitFor();
  assert.match(await page.locator('.content').innerText(), new RegExp(SECOND_LAST_WORDS));
  assert.deepEqual(page.pageErrors, []);
});

test('site data that never answers on the first load leaves the static page after the timeout', async () => {
  const page = await openPage(browser);
  await page.clock.install();
  await page.route(`${FIXTURE_URL}/site.json`, () => {});
  let gaveUp = false;
  const report = staysStatic(page).finally(() => { gaveUp = true; });
  await page.goto(FIXTURE_URL + SECOND);
  // The app's fetch starts once the wasm runs: past the timeout from whenever that was.
  for (let tries = 0; !gaveUp && tries < 20; tries += 1) {
    await page.clock.fastForward(FETCH_TIMEOUT_MS + 1_000);
    await page.waitForTimeout(250);
  }
  assert.match(await report, /site\.json did not arrive within 15 seconds/);
  await assertCompleteStaticSecond(page);
  assert.deepEqual(page.pageErrors, []);
});

/** How many requests for the second post's Markdown a cold load of it makes. */
async function markdownRequestsOnColdLoad(page) {
  const requests = [];
  page.on('request', (request) => {
    if (request.url() === SECOND_MARKDOWN) requests.push(request.url());
  });
  await openApp(page, FIXTURE_URL + SECOND);
  await page.locator('h1.page-title', { hasText: 'Second post' }).waitFor();
  // Any second request would be made while the app loads; give a late one time to show.
  await page.waitForTimeout(300);
  return requests.length;
}

test("the page's Markdown preload is what the app reads: one request on a cold load", async () => {
  const page = await openPage(browser);
  assert.equal(await markdownRequestsOnColdLoad(page), 1);
  assert.match(await page.locator('.content').innerText(), new RegExp(SECOND_LAST_WORDS));
  assert.deepEqual(page.pageErrors, []);

  // The count does see a preload going unused: without `crossorigin`, the app's fetch does not
  // take the preloaded file and asks again.
  const unmatched = await openPage(browser);
  await unmatched.route(FIXTURE_URL + SECOND, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/(href="[^"]*index\.md" as="fetch") crossorigin/, '$1');
    await route.fulfill({ response, body: html });
  });
  assert.equal(await markdownRequestsOnColdLoad(unmatched), 2);
});
