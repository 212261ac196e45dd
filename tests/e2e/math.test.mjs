// Math without JavaScript (tests/fixtures/math, a PaperMod blog with `params.math`): the
// build typesets each formula as MathML, which Chromium lays out itself. Read with JavaScript
// off (the prerendered page) and with the app live after a client-side navigation (the page
// the browser renders from the Markdown the build wrote): MathML in the body, plain text in
// the title, the document title, the table of contents and the card.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, markDocument, isSameDocument } from './browser.mjs';

const MATH_URL = process.env.MATH_URL ?? 'http://127.0.0.1:8130';
const WAVES = '/posts/waves/';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** What a reader of the math page sees, which must not depend on the way it was reached. */
async function checkMathPage(page, way) {
  const content = page.locator('.content');
  await content.waitFor();
  // MathML in the MathML namespace, laid out by the browser: a fraction's numerator stands
  // above its denominator (how tall it is depends on the fonts the machine has).
  const formulas = await content.locator('math').evaluateAll((maths) => maths.map((math) => ({
    namespace: math.namespaceURI,
    display: math.getAttribute('display'),
    text: math.getAttribute('alttext'),
  })));
  assert.ok(formulas.length >= 10, `${way}: ${formulas.length} formulas`);
  assert.ok(formulas.every((f) => f.namespace === 'http://www.w3.org/1998/Math/MathML'), way);
  assert.ok(formulas.some((f) => f.text === 'sin x' && f.display === null), way);
  assert.ok(formulas.some((f) => f.text === 'sin² x + cos² x = 1' && f.display === 'block'), way);
  const fraction = content.locator('mfrac').first();
  const [numerator, denominator] = await fraction.evaluate((mfrac) =>
    [...mfrac.children].map((part) => {
      const box = part.getBoundingClientRect();
      return { top: box.top, bottom: box.bottom };
    }));
  assert.ok(numerator.bottom <= denominator.top + 1,
    `${way}: numerator ${JSON.stringify(numerator)} above denominator ${JSON.stringify(denominator)}`);
  // No TeX left to read, prices and code as written.
  const text = await content.innerText();
  for (const tex of ['$\\sin', '$$', '\\frac', '\\begin']) assert.ok(!text.includes(tex), `${way}: ${tex}`);
  assert.match(text, /A sandwich costs \$5 and a meal \$10\./, way);
  assert.equal(await content.locator('code', { hasText: '$x$' }).count(), 1, way);
  // Plain text where only text can stand.
  assert.equal(await page.locator('h1').innerText(), 'Why sin x waves', way);
  assert.match(await page.title(), /^Why sin x waves/, way);
  const toc = await page.locator('.toc a').allInnerTexts();
  assert.ok(toc.includes('The sin rule'), `${way}: ${JSON.stringify(toc)}`);
  assert.equal(await page.locator('h2#the-sin-rule math').count(), 1, way);
  assert.deepEqual(page.pageErrors, [], way);
}

test('with JavaScript off, the prerendered page shows MathML', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(MATH_URL + WAVES);
  await checkMathPage(page, 'JavaScript off');
  const staticBody = await page.locator('.content').innerHTML();
  assert.ok(!staticBody.includes('blogtool.math'), 'no call left in the page');
  await page.context().close();
});

test('with the app live, a client-side navigation shows the same MathML', async () => {
  const page = await openPage(browser);
  const violations = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  await openApp(page, MATH_URL + '/posts/');
  await markDocument(page);
  const card = page.locator('.page-card', { hasText: 'Why sin x waves' });
  assert.match(await card.innerText(), /The sine wave, and x² on the way\./);
  await card.getByRole('link', { name: 'Why sin x waves', exact: true }).click();
  await page.waitForURL(MATH_URL + WAVES);
  await checkMathPage(page, 'app live');
  assert.ok(await isSameDocument(page), 'the app navigated, no page load');
  assert.deepEqual(violations, []);

  // The same body as the prerendered page, element for element.
  const live = (await page.locator('.content').innerHTML()).replaceAll('<!---->', '');
  const off = await openPage(browser, { javaScriptEnabled: false });
  await off.goto(MATH_URL + WAVES);
  assert.equal(live, (await off.locator('.content').innerHTML()).replaceAll('<!---->', ''));
  await off.context().close();
  await page.context().close();
});

test("an author's own MathML call and a formula the build cannot read", async () => {
  const page = await openPage(browser);
  await openApp(page, MATH_URL + '/posts/forged/');
  const content = page.locator('.content');
  assert.equal(await content.locator('img, [onerror]').count(), 0);
  assert.match(await content.innerText(), /\$\\notacommand x\$/);
  assert.equal(await content.locator('math[alttext="a² + b² = c²"]').count(), 1);
  await page.context().close();
});
