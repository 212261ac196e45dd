// The page around the content, as a reader uses it on the fixture site: the light/dark
// toggle (by mouse and keyboard, remembered, starting from the system's preference), the skip
// link, the footer, and a layout that fits a phone and keeps lines readable on a desktop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, sitePages, FIXTURE_URL } from './browser.mjs';

const LIGHT_BACKGROUND = 'rgb(253, 253, 252)';
const DARK_BACKGROUND = 'rgb(21, 21, 24)';
const PAGES = ['/', '/posts/series/', '/posts/series/first-post/', '/posts/bundle/', '/tags/', '/tags/rust/', '/no/such/page/'];

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What the reader sees of the theme: the page's background and the toggle's state. */
async function theme(page) {
  return {
    background: await page.evaluate(() => getComputedStyle(document.body).backgroundColor),
    pressed: await page.getByRole('button', { name: 'Dark theme' }).getAttribute('aria-pressed'),
  };
}
const LIGHT = { background: LIGHT_BACKGROUND, pressed: 'false' };
const DARK = { background: DARK_BACKGROUND, pressed: 'true' };

test('the theme toggle switches by click and by keyboard, and a reload remembers the choice', async () => {
  const page = await openPage(browser, { colorScheme: 'light' });
  await openApp(page, FIXTURE_URL + '/posts/series/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  assert.deepEqual(await theme(page), LIGHT, 'a light system starts light');

  await toggle.click();
  assert.deepEqual(await theme(page), DARK);
  await toggle.focus();
  await page.keyboard.press('Enter');
  assert.deepEqual(await theme(page), LIGHT);
  await page.keyboard.press('Space');
  assert.deepEqual(await theme(page), DARK);

  await page.reload();
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  assert.deepEqual(await theme(page), DARK, 'the choice survives a reload');
  await page.locator('.content').getByRole('link', { name: 'First post' }).click();
  await page.locator('h1.page-title', { hasText: 'First post' }).waitFor();
  assert.deepEqual(await theme(page), DARK, 'and the app\'s next page');
  assert.deepEqual(page.pageErrors, []);
});

test('the toggle works on the static page before the app has loaded', async () => {
  const page = await openPage(browser, { colorScheme: 'light' });
  await page.route('**/*.wasm', (route) => route.abort('connectionrefused'));
  await page.goto(FIXTURE_URL + '/posts/bundle/');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  assert.deepEqual(await theme(page), DARK);
  assert.equal(await page.locator('html[data-app]').count(), 0, 'the app never started');
});

test('a dark system preference starts dark, with JavaScript and without', async () => {
  const page = await openPage(browser, { colorScheme: 'dark' });
  await openApp(page, FIXTURE_URL + '/');
  assert.deepEqual(await theme(page), DARK);

  const noScript = await openPage(browser, { colorScheme: 'dark', javaScriptEnabled: false });
  await noScript.goto(FIXTURE_URL + '/');
  assert.equal(await noScript.evaluate(() => getComputedStyle(document.body).backgroundColor), DARK_BACKGROUND);
  assert.equal(await noScript.locator('.theme-toggle').isVisible(), false, 'no toggle that cannot work');
  assert.deepEqual(page.pageErrors, []);
});

test('the skip link is the first Tab stop and moves focus to the main content', async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + '/posts/series/first-post/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  assert.ok(await skip.isVisible(), 'it shows when focused');
  const box = await skip.boundingBox();
  assert.ok(box.y >= 0 && box.x >= 0, 'inside the window');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('main')?.id), 'main',
    'the next Tab stop is inside the main content');
  assert.deepEqual(page.pageErrors, []);
});

test('every page has a footer with the author, social links, the feed and a copyright line', async () => {
  const urls = [...(await sitePages(FIXTURE_URL)).map((entry) => entry.url), '/no/such/page/'];
  const expected = [
    ['GitHub', 'https://github.com/fixture-blog'],
    ['Mastodon', 'https://social.example/@fixture'],
    ['RSS feed', '/index.xml'],
  ];
  for (const javaScriptEnabled of [false, true]) {
    const page = await openPage(browser, { javaScriptEnabled });
    for (const url of urls) {
      if (javaScriptEnabled) await openApp(page, FIXTURE_URL + url);
      else await page.goto(FIXTURE_URL + url);
      const footer = page.getByRole('contentinfo');
      assert.match(await footer.innerText(), /Written by Ann Author/, url);
      const links = await footer.getByRole('link').evaluateAll((all) => all.map((a) => [a.textContent, a.getAttribute('href')]));
      assert.deepEqual(links, expected, url);
      assert.match(await footer.innerText(), /© 2025 Fixture Blog/, url);
    }
    assert.deepEqual(page.pageErrors, []);
  }
});

test('the menu marks the page on show', async () => {
  const page = await openPage(browser);
  await openApp(page, FIXTURE_URL + '/tags/');
  const menu = page.getByRole('navigation', { name: 'Main' });
  assert.deepEqual(await menu.getByRole('link').allInnerTexts(), ['Series', 'Tags']);
  assert.equal(await menu.getByRole('link', { name: 'Tags' }).getAttribute('aria-current'), 'page');
  assert.equal(await menu.getByRole('link', { name: 'Series' }).getAttribute('aria-current'), null);
});

test('on a 360 px phone nothing overflows the width; on a desktop a line holds about 65-75 characters', async () => {
  const phone = await openPage(browser, { viewport: { width: 360, height: 740 } });
  for (const url of PAGES) {
    await openApp(phone, FIXTURE_URL + url);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.equal(overflow, 0, `${url} scrolls sideways by ${overflow} px`);
    const wideImages = await phone.evaluate(() =>
      [...document.images].filter((img) => img.getBoundingClientRect().right > window.innerWidth).length);
    assert.equal(wideImages, 0, `${url} has an image wider than the screen`);
  }

  const desktop = await openPage(browser, { viewport: { width: 1280, height: 900 } });
  await openApp(desktop, FIXTURE_URL + '/posts/series/second/');
  // Characters per line of body text: the paragraph's width over the mean width of a
  // character of ordinary prose in its font.
  const perLine = await desktop.evaluate(() => {
    const paragraph = document.querySelector('.content p');
    const probe = document.createElement('span');
    probe.textContent = 'The quick brown fox jumps over the lazy dog, then reads a little more. ';
    paragraph.append(probe);
    const characterWidth = probe.getBoundingClientRect().width / probe.textContent.length;
    probe.remove();
    return paragraph.getBoundingClientRect().width / characterWidth;
  });
  assert.ok(perLine >= 60 && perLine <= 80, `${perLine.toFixed(0)} characters per line`);
  assert.deepEqual([...phone.pageErrors, ...desktop.pageErrors], []);
});
