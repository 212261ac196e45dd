// A blog in the shape of a PaperMod site (tests/fixtures/shortcodes), read with JavaScript
// off (the prerendered page) and with the app live (the page the browser renders from the
// Markdown the build wrote): PaperMod's rawhtml through the allowlist, Hugo's embeds as
// links, the site's own shortcode templates rendered, and on a page of shortcodes that
// cannot be rendered here no template source and no notice, only the author's text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp } from './browser.mjs';

const SHORTCODES_URL = process.env.SHORTCODES_URL ?? 'http://127.0.0.1:8120';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/**
 * Each page read twice: JavaScript off, and with the app live; the app's body is the static
 * page's, element for element.
 */
async function eachWay(path, check) {
  const bodies = [];
  for (const javaScriptEnabled of [false, true]) {
    const page = await openPage(browser, { javaScriptEnabled });
    const url = SHORTCODES_URL + path;
    if (javaScriptEnabled) await openApp(page, url);
    else await page.goto(url);
    const content = page.locator('.content');
    await content.waitFor();
    await check(page, content, javaScriptEnabled ? 'app live' : 'JavaScript off');
    // Leptos marks where its view ends with an empty comment.
    bodies.push((await content.innerHTML()).replaceAll('<!---->', ''));
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  }
  assert.equal(bodies[1], bodies[0], `${path}: the app renders the static page's body`);
}

test('rawhtml shows the figure, the course links and a link in place of the iframe', async () => {
  await eachWay('/posts/raw-html/', async (page, content, way) => {
    const figure = content.locator('figure.photo');
    assert.equal(await figure.locator('img').getAttribute('alt'), 'The harbour at dawn', way);
    assert.equal(await figure.locator('figcaption').innerText(), 'The harbour at dawn, before the rain.', way);
    await page.waitForFunction(() => document.querySelector('figure.photo img')?.complete);
    assert.equal(await figure.locator('img').evaluate((img) => img.naturalWidth), 48, way);
    assert.equal(await content.getByRole('link', { name: 'Rust basics' }).getAttribute('href'),
      'https://learn.example/rust-basics', way);
    const talk = content.getByRole('link', { name: 'Workshop talk recording' });
    assert.equal(await talk.getAttribute('href'), 'https://www.youtube-nocookie.com/embed/abc123XYZ', way);
    assert.equal(await content.locator('iframe, script, [onerror]').count(), 0, way);
    assert.notEqual(await page.title(), 'owned', way);
  });
});

test("Hugo's embeds are links to the posts, collapse is a details element", async () => {
  await eachWay('/posts/embeds/', async (page, content, way) => {
    const links = await content.locator('a').evaluateAll((anchors) => anchors.map((a) => [a.innerText, a.href]));
    for (const [text, href] of [
      ['build.sh by samwriter on GitHub Gist', 'https://gist.github.com/samwriter/4d1c8c7e2b9f0a1d#file-build-sh'],
      ['Post by @samwriter on X', 'https://x.com/samwriter/status/1700000000000000001'],
      ['Post on Instagram', 'https://www.instagram.com/p/C0ffee12345/'],
      ['▶ Play video on Vimeo', 'https://player.vimeo.com/video/76979871?dnt=1'],
      ['https://shortcodes.example/', 'https://shortcodes.example/'],
    ]) {
      assert.ok(links.some(([t, h]) => t === text && h === href), `${way}: ${text} → ${href} in ${JSON.stringify(links)}`);
    }
    const open = content.locator('details', { hasText: 'What I used' });
    assert.equal(await open.getAttribute('open'), '', way);
    assert.equal(await open.locator('strong').innerText(), 'projector', way);
    const closed = content.locator('details', { hasText: 'Closed by default' });
    assert.equal(await closed.getAttribute('open'), null, way);
  });
});

test("the site's own shortcode templates are rendered", async () => {
  await eachWay('/posts/own-shortcodes/', async (page, content, way) => {
    assert.equal(await content.locator('.notice-warning .notice-title').innerText(), 'Warning', way);
    assert.equal(await content.locator('.notice-warning strong').innerText(), 'before', way);
    assert.equal(await content.locator('aside.callout-tip .callout-title').innerText(), 'A tip', way);
    assert.deepEqual(await content.locator('kbd').allInnerTexts(), ['Ctrl', 'Shift', 'P'], way);
    assert.deepEqual(await content.locator('.columns .column').allInnerTexts(), ['Left column.', 'Right column.'], way);
    assert.equal(await content.getByRole('link', { name: 'the embeds post' }).getAttribute('href'), '/posts/embeds/', way);
    assert.equal(await content.locator('blockquote.quote cite').innerText(), 'Letters', way);
    assert.equal(await content.locator('.course .platform').innerText(), 'on Learnly', way);
    assert.equal(await content.getByRole('link', { name: 'The intro' }).getAttribute('href'), '/media/intro.mp3', way);
    assert.match(await content.innerText(), /Built for Shortcode Notes/, way);
  });
});

test('shortcodes that cannot be rendered leave no template source and no notice', async () => {
  await eachWay('/posts/unrenderable/', async (page, content, way) => {
    const text = await content.innerText();
    assert.deepEqual(text.split('\n').filter((line) => line.trim()), [
      'Before the gallery.',
      // The admonition's title is the site's translation (i18n/en.toml).
      'Danger ahead',
      'Kept text inside an admonition.',
      'Kept text inside an unknown shortcode.',
      // A page without lastmod was updated on its date, as Hugo gives `.Page.Lastmod`.
      'Updated March 14, 2024',
      'After all of them.',
    ], way);
    const html = await content.innerHTML();
    for (const leak of ['{{', '}}', '.inline', 'partial', 'now.Format', 'shortcode-error', 'unknown shortcode &quot;', 'unknown shortcode "']) {
      assert.ok(!html.includes(leak), `${way}: ${leak} in ${html}`);
    }
    assert.equal(await page.locator('link[href*="katex"], script[src*="cdn.example"]').count(), 0, way);
  });
});

test('a page whose url names a file (/about.html) is that page in the app, and its old address leads there', async () => {
  const page = await openPage(browser);
  await openApp(page, SHORTCODES_URL + '/about.html');
  assert.equal(await page.locator('h1.page-title').textContent(), 'About these notes');
  assert.match(await page.locator('.content').innerText(), /kept by Sam/);
  await page.getByRole('link', { name: 'the embeds' }).click();
  await page.waitForURL(SHORTCODES_URL + '/posts/embeds/');
  await page.locator('h1.page-title').filter({ hasNotText: 'About' }).waitFor();
  await page.goBack();
  await page.locator('h1.page-title', { hasText: 'About these notes' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/about.html');

  await page.goto(SHORTCODES_URL + '/old-about.html');
  await page.waitForURL(SHORTCODES_URL + '/about.html');
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('h1.page-title').textContent(), 'About these notes');
  assert.deepEqual(page.pageErrors, []);
});

test("the footer shows the config's copyright, its Markdown rendered and its raw HTML made safe", async () => {
  for (const javaScriptEnabled of [false, true]) {
    const page = await openPage(browser, { javaScriptEnabled });
    for (const path of ['/', '/posts/embeds/']) {
      const url = SHORTCODES_URL + path;
      if (javaScriptEnabled) await openApp(page, url);
      else await page.goto(url);
      const copyright = page.getByRole('contentinfo').locator('.copyright');
      assert.equal(await copyright.innerText(), '© 2025 Sam Writer · CC BY 4.0 all rights', path);
      assert.equal(await copyright.getByRole('link').getAttribute('href'),
        'https://creativecommons.org/licenses/by/4.0/', path);
      assert.equal(await copyright.locator('b').innerText(), 'all', path);
      assert.equal(await copyright.locator('[onmouseover]').count(), 0, path);
    }
    assert.deepEqual(page.pageErrors, []);
    await page.context().close();
  }
});

test("PaperMod's menu as written: a URL without a slash is the site's, and its search page is the reader's", async () => {
  const page = await openPage(browser);
  await openApp(page, SHORTCODES_URL + '/posts/raw-html/');
  const menu = page.getByRole('navigation', { name: 'Main' });
  // The Search entry is the header's own control, not a second link in the menu.
  assert.deepEqual(await menu.getByRole('link').allInnerTexts(), ['Posts']);
  assert.equal(await menu.getByRole('link', { name: 'Posts' }).getAttribute('href'), '/posts/');
  await menu.getByRole('link', { name: 'Posts' }).click();
  await page.waitForURL(SHORTCODES_URL + '/posts/');
  // The app marks the entry once it shows the page, a moment after the address changes.
  await menu.locator('a[aria-current="page"]', { hasText: 'Posts' }).waitFor({ timeout: 5000 });
  // content/search.md (layout "search") is PaperMod's search page: the reader's stands there.
  await page.locator('.site-header .search-link').click();
  await page.waitForURL(SHORTCODES_URL + '/search/');
  await page.locator('#search-input').waitFor();
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
