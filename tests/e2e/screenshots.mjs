// Screenshots of pages as readers see them, at desktop (1280) and phone (390) width, light
// and dark, named <page>-<width>-<theme>.png (home-phone-dark.png):
//   node tests/e2e/screenshots.mjs http://127.0.0.1:8091 /tmp/shots / /posts/ai_frameworks/
// (serve a build first: target/debug/blogtool serve --dir dist --address 127.0.0.1:8091).
// scripts/test.sh writes them to target/screenshots/. Phone shots take the whole page,
// unless VIEWPORT_ONLY=1 (the README's copies in docs/screenshots/).
import { launch } from './browser.mjs';
const [base, out, ...paths] = process.argv.slice(2);
const browser = await launch();
for (const scheme of ['light', 'dark']) {
  for (const [label, viewport] of [['desktop', { width: 1280, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
    const context = await browser.newContext({ viewport, colorScheme: scheme });
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(base + path);
      await page.waitForSelector('main > *:not(.loading)');
      await page.waitForTimeout(300);
      const name = path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
      await page.screenshot({ path: `${out}/${name}-${label}-${scheme}.png`, fullPage: label === 'phone' && process.env.VIEWPORT_ONLY !== '1' });
    }
    await context.close();
  }
}
await browser.close();
