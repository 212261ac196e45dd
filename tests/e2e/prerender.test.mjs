// Every route is a static page first: readable with JavaScript off, taken over by the app
// without a layout shift, and served with feeds, a sitemap and a Content-Security-Policy the
// app runs under. Also a site under a base path (/blog/), where every URL, fetch and asset
// must carry the prefix.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, openPage, openApp, markDocument, isSameDocument, sitePages, FIXTURE_URL, PREFIXED_URL,
} from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every page of the fixture site, as its routes' data has them. */
async function contentIndex(siteUrl) {
  return { pages: await sitePages(siteUrl) };
}

/** Parses XML with the browser's own XML parser; fails the test on a parse error. */
async function parseXml(page, url) {
  const response = await fetch(url);
  assert.equal(response.status, 200, url);
  const text = await response.text();
  return page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const error = doc.querySelector('parsererror');
    if (error) return { error: error.textContent };
    const rss = doc.documentElement;
    const channel = rss.querySelector('channel');
    const text = (parent, name) => parent?.querySelector(`:scope > ${name}`)?.textContent ?? null;
    return {
      root: rss.localName,
      version: rss.getAttribute('version'),
      channel: channel && {
        title: text(channel, 'title'),
        link: text(channel, 'link'),
        description: text(channel, 'description'),
      },
      items: [...doc.querySelectorAll('item')].map((item) => ({
        title: text(item, 'title'),
        link: text(item, 'link'),
        guid: text(item, 'guid'),
        pubDate: text(item, 'pubDate'),
        description: text(item, 'description'),
      })),
      locs: [...doc.getElementsByTagName('loc')].map((loc) => loc.textContent),
    };
  }, text);
}

test('with JavaScript off, every route shows its title and body, with its own document title', async () => {
  const index = await contentIndex(FIXTURE_URL);
  const page = await openPage(browser, { javaScriptEnabled: false });
  for (const entry of index.pages) {
    const response = await page.goto(FIXTURE_URL + entry.url);
    assert.equal(response.status(), 200, `${entry.url} answers 200`);
    assert.equal(await page.locator('main h1').first().textContent(), entry.title, entry.url);
    assert.match(await page.title(), new RegExp(entry.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const tagged = (term) => index.pages.filter((other) => (other.terms ?? []).includes(term.url));
    if (entry.kind === 'page') {
      assert.ok((await page.locator('.content').innerText()).length > 20, `${entry.url} has its body`);
    } else if (entry.kind === 'taxonomy') {
      const terms = index.pages.filter((term) => term.kind === 'term' && term.parent === entry.url && tagged(term).length > 0);
      assert.deepEqual(await page.locator('main .terms a').allInnerTexts(),
        terms.map((term) => `${term.title} (${tagged(term).length})`), `${entry.url} lists its terms`);
    } else if (entry.kind === 'term') {
      assert.deepEqual(await page.locator('.page-card .card-title').allInnerTexts(),
        tagged(entry).map((tagged) => tagged.title), `${entry.url} lists its pages`);
    } else {
      assert.ok(await page.locator('.page-card').count() > 0, `${entry.url} lists its pages`);
    }
    assert.equal(await page.locator('html[data-app]').count(), 0, 'no script ran');
  }
  const series = await page.goto(FIXTURE_URL + '/posts/series/');
  assert.ok(series.ok());
  const description = await page.locator('meta[name="description"]').getAttribute('content');
  assert.match(description, /series/i);
  assert.equal(await page.locator('link[rel="canonical"]').getAttribute('href'), 'https://fixture.example/posts/series/');
  assert.equal(await page.locator('meta[property="og:title"]').getAttribute('content'), 'A Series');
});

test('an article carries Open Graph, Twitter card and JSON-LD BlogPosting data', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(FIXTURE_URL + '/posts/bundle/');
  const meta = (selector) => page.locator(selector).getAttribute('content');
  assert.equal(await meta('meta[property="og:type"]'), 'article');
  assert.equal(await meta('meta[property="og:image"]'), 'https://fixture.example/posts/bundle/cover.png');
  assert.equal(await meta('meta[name="twitter:card"]'), 'summary_large_image');
  const jsonLd = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(jsonLd['@type'], 'BlogPosting');
  assert.equal(jsonLd.headline, 'A leaf bundle');
  assert.equal(jsonLd.datePublished, '2025-05-20T09:00:00Z');
  assert.equal(jsonLd.url, 'https://fixture.example/posts/bundle/');
});

test('the app takes a prerendered page over with the same content and no layout shift', async () => {
  // A plain article, and one with every reading aid (Copy buttons, heading anchors, image links).
  for (const url of [FIXTURE_URL + '/posts/series/second/', PREFIXED_URL + '/notes/code/']) {
    const page = await openPage(browser);
    await page.addInitScript(() => {
      window.__layoutShift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__layoutShift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const html = await (await fetch(url)).text();
    await openApp(page, url);
    const prerendered = html.slice(html.indexOf('<div id="app">') + '<div id="app">'.length, html.lastIndexOf('</div>'));
    // The same elements, attributes and text in the same order (attribute order and comments,
    // which no reader sees, aside).
    const [live, stat] = await page.evaluate((markup) => {
      const canonical = (node) => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent.replace(/\s+/g, ' ');
        if (node.nodeType !== Node.ELEMENT_NODE) return '';
        const attributes = [...node.attributes].map((a) => `${a.name}="${a.value}"`).sort().join(' ');
        return `<${node.localName} ${attributes}>${[...node.childNodes].map(canonical).join('')}</${node.localName}>`;
      };
      const template = document.createElement('template');
      template.innerHTML = markup;
      const serialise = (root) => [...root.childNodes].map(canonical).join('');
      return [serialise(document.getElementById('app')), serialise(template.content)];
    }, prerendered);
    assert.equal(live, stat, `the app renders exactly the prerendered markup of ${url}`);
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.__layoutShift), 0, `cumulative layout shift is 0 on ${url}`);

    await markDocument(page);
    await page.locator('.site-title').click();
    await page.locator('.page-card').first().waitFor();
    assert.equal(await isSameDocument(page), true, 'a click after takeover navigates in the app');
    assert.deepEqual(page.pageErrors, []);
  }
});

test('before the app has loaded, a click is an ordinary load of the next static page', async () => {
  const page = await openPage(browser);
  await page.route('**/*.wasm', (route) => route.abort('connectionrefused'));
  await page.goto(FIXTURE_URL + '/posts/series/');
  await page.getByRole('link', { name: 'First post' }).first().click();
  await page.waitForURL(FIXTURE_URL + '/posts/series/first-post/');
  assert.equal(await page.locator('h1.page-title').innerText(), 'First post');
  assert.equal(await page.locator('.content strong').innerText(), 'first');
  assert.equal(await page.locator('html[data-app]').count(), 0, 'the app never started');
});

test('a cover image has its size in the page, so nothing moves when it loads', async () => {
  const page = await openPage(browser, { viewport: { width: 1280, height: 800 } });
  await page.addInitScript(() => {
    window.__layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__layoutShift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  // The image arrives late, after the page has been painted.
  await page.route('**/posts/bundle/cover.png', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  await openApp(page, FIXTURE_URL + '/posts/bundle/');
  const image = page.locator('figure.cover img');
  assert.deepEqual([await image.getAttribute('width'), await image.getAttribute('height')], ['64', '32']);
  await page.waitForFunction(() => document.querySelector('figure.cover img')?.complete);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__layoutShift), 0, 'cumulative layout shift is 0');
  assert.deepEqual(page.pageErrors, []);
});

test('pages are served with a Content-Security-Policy the app runs under', async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) =>
      window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const response = await page.goto(FIXTURE_URL + '/posts/series/');
  const policy = response.headers()['content-security-policy'];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'/);
  assert.match(policy, /object-src 'none'/);
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  await page.getByRole('link', { name: 'First post' }).first().click();
  await page.locator('h1.page-title', { hasText: 'First post' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  const wasm = await fetch(`${FIXTURE_URL}/${(await page.evaluate(() =>
    performance.getEntriesByType('resource').map((entry) => entry.name).find((name) => name.endsWith('.wasm')))).split('/').pop()}`);
  assert.match(wasm.headers.get('cache-control'), /immutable/, 'hashed assets are cached for good');
  assert.equal((await fetch(`${FIXTURE_URL}/posts/series/`)).headers.get('cache-control'), 'no-cache');
  assert.deepEqual(page.pageErrors, []);
});

test('feeds are RSS 2.0 with every required element, and the sitemap lists every route', async () => {
  const page = await openPage(browser);
  await page.goto(FIXTURE_URL + '/');
  const home = await parseXml(page, FIXTURE_URL + '/index.xml');
  assert.equal(home.error, undefined);
  assert.equal(home.root, 'rss');
  assert.equal(home.version, '2.0');
  assert.deepEqual(home.channel, {
    title: 'Fixture Blog',
    link: 'https://fixture.example/',
    description: 'Recent content on Fixture Blog',
  });
  assert.deepEqual(home.items.map((item) => item.title), ['First post', 'Second post', 'Third: a long read', 'A leaf bundle']);
  for (const item of home.items) {
    assert.match(item.link, /^https:\/\/fixture\.example\/posts\//);
    assert.equal(item.guid, item.link);
    assert.ok(!Number.isNaN(Date.parse(item.pubDate)), item.pubDate);
    assert.match(item.description, /<p>/, 'the summary, as HTML');
  }
  assert.match(await page.locator('link[rel="alternate"][type="application/rss+xml"]').first().getAttribute('href'), /\/index\.xml$/);

  const series = await parseXml(page, FIXTURE_URL + '/posts/series/index.xml');
  assert.equal(series.channel.title, 'A Series on Fixture Blog');
  assert.deepEqual(series.items.map((item) => item.title), ['First post', 'Second post', 'Third: a long read']);

  const index = await contentIndex(FIXTURE_URL);
  const sitemap = await parseXml(page, FIXTURE_URL + '/sitemap.xml');
  assert.equal(sitemap.error, undefined);
  // Each URL of the sitemap is a page's own (its route's data is that page's, not a redirect).
  assert.deepEqual(sitemap.locs.sort(), index.pages.map((entry) => `https://fixture.example${entry.url}`).sort());
  assert.ok(index.pages.length >= 12, `${index.pages.length} pages`);
  const robots = await (await fetch(FIXTURE_URL + '/robots.txt')).text();
  assert.match(robots, /Sitemap: https:\/\/fixture\.example\/sitemap\.xml/);
});

test('an alias is a redirect page that works without JavaScript; an unknown URL answers 404 with the app', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(FIXTURE_URL + '/old/first-post/');
  await page.waitForURL(FIXTURE_URL + '/posts/series/first-post/');
  assert.equal(await page.locator('h1.page-title').innerText(), 'First post');

  const missing = await page.goto(FIXTURE_URL + '/no/such/page/');
  assert.equal(missing.status(), 404);
  assert.equal(await page.locator('.not-found h1').innerText(), 'Page not found');
  const withApp = await openPage(browser);
  await withApp.goto(FIXTURE_URL + '/no/such/page/');
  await withApp.locator('.missing-path').waitFor();
  assert.equal(await withApp.locator('.missing-path').innerText(), '/no/such/page/');
  assert.deepEqual(withApp.pageErrors, []);
});

test('under a base path, every link, fetch and asset carries the prefix', async () => {
  const page = await openPage(browser);
  const outside = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (!path.startsWith('/blog/')) outside.push(path);
  });
  await openApp(page, PREFIXED_URL + '/notes/');
  assert.equal(await page.locator('.site-title').getAttribute('href'), '/blog/');
  const link = page.locator('.content').getByRole('link', { name: 'the first one' });
  assert.equal(await link.getAttribute('href'), '/blog/notes/first/');
  await markDocument(page);
  await link.click();
  await page.locator('h1.page-title', { hasText: 'First note' }).waitFor();
  assert.equal(await isSameDocument(page), true);
  assert.equal(await page.locator('.content').getByRole('link', { name: 'all notes' }).getAttribute('href'), '/blog/notes/');
  await page.locator('.content').getByRole('link', { name: 'the pictured note' }).click();
  await page.locator('h1.page-title', { hasText: 'Pictured note' }).waitFor();
  await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
  assert.equal(await page.locator('figure.cover img').getAttribute('src'), '/blog/notes/pictured/cover.png');
  assert.deepEqual(outside, [], 'nothing is fetched from outside /blog/');

  const alias = await openPage(browser);
  await alias.goto(PREFIXED_URL + '/old-first/');
  await alias.waitForURL(PREFIXED_URL + '/notes/first/');
  assert.deepEqual([...page.pageErrors, ...alias.pageErrors], []);
});
