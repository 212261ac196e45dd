// A site made of payloads (tests/fixtures/hostile), served once as Netlify or Cloudflare Pages
// serve it (with the Content-Security-Policy of _headers) and once as GitHub Pages or S3 do
// (no _headers: only the policy of each page's <meta> tag), read with JavaScript off and with
// the app live. Nothing an author wrote may run: no dialog, no `window.__hostile` set by a
// payload, no `on*` attribute, no script but the build's own, no dangerous URL in the DOM, no
// element that embeds or submits; every feed and the sitemap are well-formed XML.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './browser.mjs';

const WITH_HEADERS = process.env.HOSTILE_URL ?? 'http://127.0.0.1:8094';
const WITHOUT_HEADERS = process.env.HOSTILE_BARE_URL ?? 'http://127.0.0.1:8095';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every route the site has, from its sitemap (absolute URLs under https://hostile.example/). */
async function routes(siteUrl) {
  const sitemap = await (await fetch(`${siteUrl}/sitemap.xml`)).text();
  const locs = [...sitemap.matchAll(/<loc>https:\/\/hostile\.example(\/[^<]*)<\/loc>/g)];
  assert.ok(locs.length >= 8, `the sitemap lists the site's routes: ${sitemap}`);
  return locs.map((match) => match[1].replaceAll('&amp;', '&'));
}

/** What in the document could run an author's script, found by walking the whole DOM. */
function liveScriptIn() {
  const problems = [];
  const dangerous = (url) => {
    const compact = (url ?? '').replace(/[\u0000-\u0020]/g, '').toLowerCase();
    return /^(javascript|vbscript|file):/.test(compact)
      || (compact.startsWith('data:') && !/^data:image\/(png|gif|jpeg|webp|svg\+xml)/.test(compact));
  };
  for (const element of document.querySelectorAll('*')) {
    const name = element.localName;
    for (const attribute of element.attributes) {
      if (attribute.name.startsWith('on')) problems.push(`${name}[${attribute.name}]`);
      if (['href', 'src', 'action', 'formaction', 'data', 'srcdoc', 'xlink:href', 'poster'].includes(attribute.name)
        && (dangerous(attribute.value) || attribute.name === 'srcdoc')) {
        problems.push(`${name}[${attribute.name}=${attribute.value}]`);
      }
    }
    if (['iframe', 'object', 'embed', 'form', 'base', 'frame', 'svg', 'math', 'template'].includes(name)) {
      problems.push(`<${name}>`);
    }
    if (name === 'meta' && element.getAttribute('http-equiv')?.toLowerCase() === 'refresh') {
      problems.push('<meta http-equiv=refresh>');
    }
    if (name === 'script') {
      const type = element.getAttribute('type');
      const src = element.getAttribute('src');
      // The build's own: Trunk's module loader, the theme's first lines, the page's script
      // (src/reader.js), the JSON-LD data block.
      const own = type === 'application/ld+json'
        || (type === 'module' && /^\s*import init, \* as bindings from '\/blogreader-[0-9a-f]{8,16}\.js';/.test(element.textContent))
        || (!type && !src && element.textContent.includes('prefers-color-scheme'))
        || (src && /^\/(blogreader|reader)-[0-9a-f]{8,16}\.js$/.test(src));
      if (!own) problems.push(`<script ${type ?? ''} ${src ?? ''}>${element.textContent.slice(0, 60)}`);
    }
  }
  if (window.__hostile !== undefined) problems.push(`window.__hostile = ${window.__hostile}`);
  return problems;
}

for (const [label, siteUrl] of [['with _headers', WITH_HEADERS], ['without _headers', WITHOUT_HEADERS]]) {
  for (const javaScriptEnabled of [false, true]) {
    test(`no payload runs, ${label}, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, async () => {
      const page = await openPage(browser, { javaScriptEnabled });
      const dialogs = [];
      page.on('dialog', async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
      const policies = [];
      page.on('console', (message) => {
        if (message.text().includes('Content Security Policy')) policies.push(message.text());
      });
      for (const url of await routes(siteUrl)) {
        const response = await page.goto(siteUrl + url);
        assert.ok(response.ok(), `${url} answers ${response.status()}`);
        if (javaScriptEnabled) {
          // The app takes each page over and renders its Markdown in the browser.
          await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
        }
        // Give a timer, an autofocus or a lazy image the moment it needs to fire.
        await page.locator('main').first().focus().catch(() => {});
        await page.mouse.move(200, 300);
        await page.waitForTimeout(50);
        assert.deepEqual(await page.evaluate(liveScriptIn), [], `${url}: live script`);
        assert.equal(await page.locator('main h1').count(), 1, `${url} shows its page`);
        assert.ok(await page.locator('footer').count() > 0, `${url}: nothing swallowed the footer`);
      }
      assert.deepEqual(dialogs, [], 'no dialog opened');
      assert.deepEqual(page.pageErrors, [], 'no page error');
      if (label === 'without _headers') {
        const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
        assert.match(csp, /script-src 'self' 'wasm-unsafe-eval' 'sha256-/, 'each page carries the policy');
      }
      // Under the policy, a payload that slipped through would show as a violation report.
      assert.deepEqual(policies, [], 'no Content-Security-Policy violation');
      await page.context().close();
    });
  }
}

test('the hostile site\'s text shows as text where it was written', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${WITHOUT_HEADERS}/posts/bundle/`);
  assert.match(await page.title(), /^Title <\/title><script>window.__hostile='title'<\/script>/);
  assert.match(await page.locator('main h1').textContent(), /<script>window.__hostile='title'<\/script>/);
  const jsonLd = JSON.parse(await page.locator('script[type="application/ld+json"]').textContent());
  assert.equal(jsonLd.author.name, "</script><!--<script>window.__hostile='page author'//");
  await page.goto(`${WITHOUT_HEADERS}/posts/raw-html/`);
  const body = await page.locator('.content').innerText();
  assert.match(body, /An open div holds Markdown below/);
  assert.match(body, /The paragraph after the cut-off tag/);
  assert.equal(await page.locator('.content .note strong').textContent(), 'Bold', 'kept HTML keeps its Markdown');
  await page.context().close();
});

test('hostile text never widens a page past a phone\'s screen', async () => {
  const page = await openPage(browser, { viewport: { width: 390, height: 844 } });
  for (const url of await routes(WITH_HEADERS)) {
    await page.goto(WITH_HEADERS + url);
    await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
    const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    assert.ok(scrollWidth <= width, `${url} is ${scrollWidth} px wide on a ${width} px screen`);
    // The site's long title wraps beside the header's controls instead of pushing them below.
    const [title, search, toggle] = await page.evaluate(() =>
      ['.site-title', '.search-link', '.theme-toggle'].map((selector) => {
        const box = document.querySelector(selector).getBoundingClientRect();
        return { top: box.top, bottom: box.bottom, middle: (box.top + box.bottom) / 2 };
      }));
    assert.ok(title.bottom - title.top > 2 * (toggle.bottom - toggle.top), `${url}: the title wraps`);
    for (const control of [search, toggle]) {
      assert.ok(control.middle > title.top && control.middle < title.bottom,
        `${url}: a header control (${JSON.stringify(control)}) beside the title (${JSON.stringify(title)})`);
    }
  }
  await page.context().close();
});

test('every feed and the sitemap of the hostile site are well-formed XML', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(`${WITH_HEADERS}/`);
  const feeds = ['/sitemap.xml', '/index.xml', '/posts/index.xml', '/tags/index.xml'];
  for (const url of feeds) {
    const response = await fetch(WITH_HEADERS + url);
    assert.equal(response.status, 200, url);
    const error = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      return doc.querySelector('parsererror')?.textContent ?? null;
    }, await response.text());
    assert.equal(error, null, `${url} is well-formed`);
  }
  await page.context().close();
});

test('_headers is a handful of rules, and injects none', async () => {
  const text = await (await fetch(`${WITH_HEADERS}/_headers`)).text();
  const rules = text.split('\n').filter((line) => line && !line.startsWith(' '));
  assert.ok(rules.length <= 6, `a handful of rules: ${rules}`);
  assert.ok(rules.every((rule) => rule.startsWith('/')), `${rules}`);
  const response = await fetch(`${WITH_HEADERS}/posts/markdown/`);
  assert.match(response.headers.get('content-security-policy'), /^default-src 'self'; script-src 'self' 'wasm-unsafe-eval'/);
  assert.equal((await fetch(`${WITHOUT_HEADERS}/posts/markdown/`)).headers.get('content-security-policy'), null);
});
