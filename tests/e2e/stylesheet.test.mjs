// Each page carries inline only the rules its own markup can match, and links the whole
// stylesheet at the end of its body for the pages the app shows next. So a page must look
// exactly the same without the linked file (every rule it uses is inline), and a page the
// app shows after a click must look as it does when loaded on its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, FIXTURE_URL } from './browser.mjs';

const SITES = [
  process.env.SEED_URL,
  FIXTURE_URL,
  process.env.SHORTCODES_URL,
  process.env.MATH_URL,
].filter(Boolean);

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Every element's computed style (and its ::before and ::after where they have content). */
function computedStyles() {
  const styles = [];
  const describe = (style) => {
    const values = [];
    for (let index = 0; index < style.length; index += 1) {
      values.push(`${style[index]}: ${style.getPropertyValue(style[index])}`);
    }
    // Sorted: the order of custom properties is no part of the style.
    return values.sort().join('; ');
  };
  for (const element of document.querySelectorAll('body *')) {
    const name = `${element.tagName.toLowerCase()}.${element.getAttribute('class') ?? ''}`;
    styles.push(`${name} { ${describe(getComputedStyle(element))} }`);
    for (const pseudo of ['::before', '::after']) {
      const style = getComputedStyle(element, pseudo);
      if (style.content !== 'none') styles.push(`${name}${pseudo} { ${describe(style)} }`);
    }
  }
  return styles;
}

/** The linked stylesheets the page applied (one that failed to load has no readable rules). */
function linkedSheets() {
  const rules = (sheet) => { try { return sheet.cssRules.length; } catch { return 0; } };
  return [...document.styleSheets]
    .filter((sheet) => sheet.href && rules(sheet) > 0)
    .map((sheet) => ({ href: sheet.href, rules: rules(sheet) }));
}

/** `url` loaded without scripts; without the linked stylesheet when `withoutLink`. */
async function load(url, withoutLink) {
  const page = await openPage(browser, { javaScriptEnabled: false });
  if (withoutLink) await page.route('**/*.css', (route) => route.abort());
  const response = await page.goto(url);
  const loaded = {
    status: response.status(),
    styles: await page.evaluate(computedStyles),
    sheets: await page.evaluate(linkedSheets),
  };
  await page.context().close();
  return loaded;
}

test('every page looks the same without the linked stylesheet: the rules it uses are inline', async () => {
  for (const site of SITES) {
    const sitemap = await (await fetch(`${site}/sitemap.xml`)).text();
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1], site).pathname);
    paths.push('/search/', '/no/such/page/');
    const { origin } = new URL(site);
    for (const path of paths) {
      const url = `${origin}${path}`;
      const linked = await load(url, false);
      if (linked.status === 404 && path === '/search/') continue; // a site without search
      assert.equal(linked.sheets.length, 1, `${url}: the whole stylesheet, linked and applied`);
      assert.ok(linked.sheets[0].rules > 100, `${url}: ${JSON.stringify(linked.sheets)}`);
      const inline = await load(url, true);
      assert.deepEqual(inline.sheets, [], `${url}: the linked stylesheet was blocked`);
      assert.equal(inline.styles.length, linked.styles.length, url);
      const differing = inline.styles.findIndex((style, index) => style !== linked.styles[index]);
      if (differing !== -1) {
        const properties = (style) => new Set(style.split('; '));
        const [without, within] = [inline, linked].map((load) => properties(load.styles[differing]));
        const only = (a, b) => [...a].filter((value) => !b.has(value)).join('; ');
        assert.fail(`${url}: ${inline.styles[differing].split(' ')[0]} without the linked stylesheet ` +
          `has ${only(without, within)}; with it ${only(within, without)}`);
      }
    }
  }
});

test("a page the app shows next has the whole stylesheet's rules", async () => {
  // An article's inline rules have no list cards; the home page the app shows after a
  // click must still have them.
  const cardStyle = () => {
    const card = document.querySelector('.page-card');
    const style = card && getComputedStyle(card);
    return style && `${style.borderTopStyle} ${style.borderRadius} ${style.backgroundColor} ${style.padding}`;
  };
  const fresh = await openPage(browser);
  await openApp(fresh, `${FIXTURE_URL}/`);
  const expected = await fresh.evaluate(cardStyle);
  await fresh.context().close();
  assert.match(expected, /^solid 8px /);

  const page = await openPage(browser);
  await openApp(page, `${FIXTURE_URL}/posts/series/second/`);
  const inline = await page.evaluate(() => document.querySelector('head style').textContent);
  assert.ok(!inline.includes('.page-card'), 'the article carries no list rules');
  await page.locator('.site-title').click();
  await page.locator('.page-card').first().waitFor();
  assert.equal(await page.evaluate(() => location.pathname), '/');
  assert.equal(await page.evaluate(cardStyle), expected);
  assert.deepEqual(page.pageErrors, []);
  await page.context().close();
});
