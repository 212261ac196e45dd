// axe-core on every kind of page of the fixture site, in the light and the dark theme, once
// the app has taken the page over: no serious or critical violation (contrast, names,
// landmarks, focus order and the like).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { launch, openPage, openApp, FIXTURE_URL } from './browser.mjs';

const AXE_SCRIPT = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const PAGES = {
  home: '/',
  section: '/posts/series/',
  article: '/posts/series/first-post/',
  'article with a table of contents and a series box': '/posts/series/third/',
  'article with a cover': '/posts/bundle/',
  archives: '/archives/',
  taxonomy: '/tags/',
  term: '/tags/rust/',
  'not found': '/no/such/page/',
};

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

for (const colorScheme of ['light', 'dark']) {
  test(`no serious or critical axe violation on any kind of page, ${colorScheme} theme`, async () => {
    // The pages forbid inline scripts, and axe is injected as one: this test alone lets it in.
    const page = await openPage(browser, { colorScheme, bypassCSP: true });
    const found = [];
    for (const [kind, url] of Object.entries(PAGES)) {
      await openApp(page, FIXTURE_URL + url);
      assert.equal(await page.locator('html').getAttribute('data-theme'), colorScheme);
      await page.addScriptTag({ path: AXE_SCRIPT });
      const violations = await page.evaluate(async () =>
        (await window.axe.run(document, { resultTypes: ['violations'] })).violations
          .filter((violation) => ['serious', 'critical'].includes(violation.impact))
          .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`));
      found.push(...violations.map((violation) => `${kind} (${url}): ${violation}`));
    }
    assert.deepEqual(found, []);
    assert.deepEqual(page.pageErrors, []);
  });
}
