// Reading a page: coloured code with a Copy button, headings with a link to their section,
// images that open larger, footnotes that link both ways. On the fixture site under /blog/,
// whose "Code and pictures" note has all of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, openApp, PREFIXED_URL } from './browser.mjs';

const CODE_PAGE = PREFIXED_URL + '/notes/code/';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** Whether the element is inside the viewport, top to bottom. */
function inViewport(locator) {
  return locator.evaluate((element) => {
    const { top, bottom } = element.getBoundingClientRect();
    return top >= 0 && bottom <= window.innerHeight;
  });
}

test('code is coloured, and Copy puts exactly the code on the clipboard and says so', async () => {
  const page = await openPage(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  await openApp(page, CODE_PAGE);
  const rust = page.locator('.code-block', { has: page.locator('code.language-rust') });
  const colour = (locator) => locator.evaluate((element) => getComputedStyle(element).color);
  const keyword = rust.locator('.tok-keyword', { hasText: 'fn' });
  const string = rust.locator('.tok-string').first();
  const plain = await colour(rust.locator('code'));
  assert.notEqual(await colour(keyword), plain, 'keywords stand out');
  assert.notEqual(await colour(string), plain, 'strings stand out');
  assert.notEqual(await colour(keyword), await colour(string));
  // The highlight shortcode's block is coloured too.
  assert.equal(await page.locator('code.language-python .tok-keyword', { hasText: 'def' }).count(), 1);

  await rust.hover();
  const copy = rust.getByRole('button', { name: 'Copy' });
  await copy.click();
  await rust.getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()),
    'fn main() {\n    println!("Hello, {}!", "reader");\n}');
  assert.equal(await page.locator('#reader-status[role="status"]').textContent(), 'Copied');
  await rust.getByRole('button', { name: 'Copy', exact: true }).waitFor();

  // Each button copies its own block.
  const toml = page.locator('.code-block', { has: page.locator('code.language-toml') });
  await toml.hover();
  await toml.getByRole('button', { name: 'Copy' }).click();
  await toml.getByRole('button', { name: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '[package]\nname = "blogreader"');

  // Line numbers show, the highlighted line stands out, and Copy leaves the numbers out.
  for (const [language, numbers, code] of [
    ['go', [' 9', '10', '11'], 'func greet(name string) {\n\tfmt.Printf("Hello, %s, and welcome: a line long enough to scroll sideways on a phone\\n", name)\n}'],
    ['sh', ['1', '2'], 'cargo build --release\ntrunk serve'],
  ]) {
    const block = page.locator('.code-block', { has: page.locator(`code.language-${language}`) }).filter({ has: page.locator('.line') });
    const shown = await block.locator('[data-ln]').evaluateAll((spans) => spans.map((span) => getComputedStyle(span, '::before').content));
    assert.deepEqual(shown, numbers.map((number) => `"${number}"`), `${language}: the numbers show`);
    const background = (line) => line.evaluate((element) => getComputedStyle(element).backgroundColor);
    const [first, second] = [block.locator('.line').nth(0), block.locator('.line').nth(1)];
    assert.equal(await (language === 'go' ? second : first).getAttribute('class'), 'line hl');
    assert.notEqual(await background(first), await background(second), `${language}: the highlighted line stands out`);
    await block.hover();
    await block.getByRole('button', { name: 'Copy' }).click();
    await block.getByRole('button', { name: 'Copied' }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code, `${language}: the code alone`);
  }
  assert.deepEqual(page.pageErrors, []);
});

test('a heading shows a link to its section on hover and on focus, and the link leads there', async () => {
  const page = await openPage(browser, { viewport: { width: 800, height: 500 } });
  await openApp(page, CODE_PAGE);
  const heading = page.getByRole('heading', { name: 'Sources', exact: true });
  assert.equal(await heading.getAttribute('id'), 'sources', 'the id stays Hugo\'s');
  const anchor = page.getByRole('link', { name: 'Link to section: Sources', exact: true });
  const opacity = () => anchor.evaluate((element) => getComputedStyle(element).opacity);
  assert.equal(await opacity(), '0', 'hidden until wanted');
  await heading.hover();
  assert.equal(await opacity(), '1', 'shown on hover');
  await page.mouse.move(0, 0);
  assert.equal(await opacity(), '0');
  await page.getByRole('link', { name: 'Link to section: A figure' }).focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await anchor.evaluate((element) => element === document.activeElement), true,
    'reached by keyboard after the figure and image links');
  assert.equal(await opacity(), '1', 'shown on keyboard focus');

  await anchor.click();
  await page.waitForURL(CODE_PAGE + '#sources');
  await page.waitForFunction(() => window.scrollY > 0);
  assert.equal(await inViewport(heading), true, 'the section is in view');
  assert.equal(await page.locator('h1.page-title').textContent(), 'Code and pictures', 'the same page');
  assert.deepEqual(page.pageErrors, []);
});

test('an image opens larger with its caption; Escape, a click or Close shut it, and focus returns', async () => {
  const page = await openPage(browser);
  await openApp(page, CODE_PAGE);
  const figureLink = page.locator('figure a.image-link');
  await figureLink.click();
  const dialog = page.getByRole('dialog', { name: 'A small square diagram' });
  await dialog.waitFor();
  assert.equal(await dialog.locator('img').getAttribute('src'), '/blog/notes/code/diagram.png');
  await page.waitForFunction(() => document.querySelector('dialog img').naturalWidth === 800);
  assert.equal((await dialog.locator('figcaption').innerText()).trim(), 'The diagram, in its caption');
  assert.equal(page.url(), CODE_PAGE, 'no navigation');
  const isFocused = (locator) => locator.evaluate((element) => element === document.activeElement);
  assert.equal(await isFocused(dialog.getByRole('button', { name: 'Close' })), true, 'focus moves into it');

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await isFocused(figureLink), true, 'focus is back on the image');

  // By keyboard, closed with its button.
  await page.keyboard.press('Enter');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await isFocused(figureLink), true);

  // An image in a paragraph: its alt text is the caption; a click on it closes.
  const inText = page.locator('p a.image-link');
  await inText.click();
  const textDialog = page.getByRole('dialog', { name: 'a square in the text' });
  await textDialog.waitFor();
  assert.equal(await textDialog.locator('figcaption').innerText(), 'a square in the text');
  await textDialog.locator('img').click();
  await textDialog.waitFor({ state: 'detached' });
  assert.equal(await isFocused(inText), true);
  assert.deepEqual(page.pageErrors, []);
});

test('footnotes link to their note and back to the reference, with the app and without', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const page = await openPage(browser, { viewport: { width: 800, height: 400 }, javaScriptEnabled });
    if (javaScriptEnabled) await openApp(page, CODE_PAGE);
    else await page.goto(CODE_PAGE);
    const reference = page.locator('sup#fnref\\:2 a');
    const note = page.locator('li#fn\\:2');
    assert.equal(await inViewport(note), false, 'the note starts out of view');
    await reference.click();
    await page.waitForURL(CODE_PAGE + '#fn:2');
    await page.waitForFunction(() => document.getElementById('fn:2').getBoundingClientRect().top >= 0);
    assert.equal(await inViewport(note), true, 'the reference leads to its note');
    assert.equal(await note.evaluate((element) => element.matches(':target')), true);

    await page.evaluate(() => window.scrollTo(0, 0));
    await note.locator('a.footnote-backref').click();
    await page.waitForURL(CODE_PAGE + '#fnref:2');
    assert.equal(await inViewport(reference), true, 'the note leads back to its reference');
    assert.equal(await page.locator('h1.page-title').textContent(), 'Code and pictures');
    assert.deepEqual(page.pageErrors, [], `JavaScript ${javaScriptEnabled ? 'on' : 'off'}`);
  }
});

test('without JavaScript, an image link opens the image file and no Copy button shows', async () => {
  const page = await openPage(browser, { javaScriptEnabled: false });
  await page.goto(CODE_PAGE);
  assert.equal(await page.locator('.copy-code').count(), 6, 'in the page');
  assert.equal(await page.getByRole('button', { name: 'Copy' }).count(), 0, 'but not shown');
  assert.equal(await page.getByRole('link', { name: 'Link to section: Rust code' }).getAttribute('href'), '#rust-code');
  const [response] = await Promise.all([
    page.waitForResponse((response) => response.url().endsWith('/diagram.png')),
    page.locator('figure a.image-link').click(),
  ]);
  assert.equal(response.headers()['content-type'], 'image/png');
  await page.waitForURL(PREFIXED_URL + '/notes/code/diagram.png');
});
