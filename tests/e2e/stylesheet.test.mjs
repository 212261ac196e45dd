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

/**
 * Every property the page's stylesheets set (longhands, custom properties too): a rule left
 * out of a page changes the computed value of one of these on some element.
 */
function styledProperties() {
  const properties = new Set();
  const collect = (rules) => {
    for (const rule of rules) {
      if (rule.style) for (let index = 0; index < rule.style.length; index += 1) properties.add(rule.style[index]);
      if (rule.cssRules) collect(rule.cssRules);
    }
  };
  for (const sheet of document.styleSheets) collect(sheet.cssRules);
  return [...properties].sort();
}

/** Every element's computed `properties` (and its ::before and ::after where they have content). */
function computedStyles(properties) {
  const styles = [];
  const describe = (style) => properties.map((property) => `${property}: ${style.getPropertyValue(property)}`).join('; ');
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

/** A page without scripts; one whose stylesheet requests fail when `withoutLink`. */
async function readerWithoutScripts(withoutLink) {
  const page = await openPage(browser, { javaScriptEnabled: false });
  if (withoutLink) await page.route('**/*.css', (route) => route.abort());
  return page;
}

/**
 * `url` loaded in `page`: the `properties` of its elements (by default those its stylesheets
 * set), and the linked stylesheets it applied.
 */
async function load(page, url, properties) {
  const response = await page.goto(url);
  const compared = properties ?? await page.evaluate(styledProperties);
  return {
    status: response.status(),
    properties: compared,
    styles: await page.evaluate(computedStyles, compared),
    sheets: await page.evaluate(linkedSheets),
  };
}

test('every page looks the same without the linked stylesheet: the rules it uses are inline', async () => {
  const [withLink, withoutLink] = await Promise.all([false, true].map(readerWithoutScripts));
  for (const site of SITES) {
    const sitemap = await (await fetch(`${site}/sitemap.xml`)).text();
    const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1], site).pathname);
    paths.push('/search/', '/no/such/page/');
    const { origin } = new URL(site);
    for (const path of paths) {
      const url = `${origin}${path}`;
      const linked = await load(withLink, url);
      if (linked.status === 404 && path === '/search/') continue; // a site without search
      assert.equal(linked.sheets.length, 1, `${url}: the whole stylesheet, linked and applied`);
      assert.ok(linked.sheets[0].rules > 100, `${url}: ${JSON.stringify(linked.sheets)}`);
      assert.ok(linked.properties.length > 50, `${url}: ${linked.properties}`);
      const inline = await load(withoutLink, url, linked.properties);
      assert.deepEqual(inline.sheets, [], `${url}: the linked stylesheet was blocked`);
      assert.equal(inline.styles.length, linked.styles.length, url);
      const differing = inline.styles.findIndex((style, index) => style !== linked.styles[index]);
      if (differing !== -1) {
        const properties = (style) => new Set(style.split('; '));
        const [without, within] = [inline, linked].map((loaded) => properties(loaded.styles[differing]));
        const only = (a, b) => [...a].filter((value) => !b.has(value)).join('; ');
        assert.fail(`${url}: ${inline.styles[differing].split(' ')[0]} without the linked stylesheet ` +
          `has ${only(without, within)}; with it ${only(within, without)}`);
      }
    }
  }
  assert.deepEqual([...withLink.pageErrors, ...withoutLink.pageErrors], []);
  await Promise.all([withLink, withoutLink].map((page) => page.context().close()));
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
