// Hostile pages in the app: each post of a site written by the pathological benchmark
// (PATHOLOGICAL_SITE) is opened by an in-app click from the home page, in Debian's headless
// Chromium, and the time from the Markdown's arrival to the article on screen is printed per
// MB: what the wasm's render takes in a reader's tab. A benchmark, not a test.
//
//   SITE_URL=http://127.0.0.1:8783 POSTS=posts.tsv node browser-render.mjs
//
// POSTS: the benchmark's list of "number<TAB>title" lines. RUNS: clicks per post (best of,
// default 3). CHROMIUM (default /usr/bin/chromium).
import { readFileSync } from 'node:fs';
import { launch } from './chromium.mjs';

const SITE_URL = process.env.SITE_URL ?? 'http://127.0.0.1:8783';
const RUNS = Number(process.env.RUNS ?? 3);
const posts = readFileSync(process.env.POSTS, 'utf8')
  .split('\n')
  .filter((line) => line.includes('\t'))
  .map((line) => {
    const [number, title] = line.split('\t');
    return { number, title };
  });

const browser = await launch();

/** One in-app visit of `post`: milliseconds from the Markdown's last byte to the title on
 * screen (title and body are rendered together), and the Markdown's size. */
async function visit(post) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(SITE_URL + '/');
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  const path = `/posts/${post.number}/`;
  const result = await page.evaluate(async ({ path, title }) => {
    // A page of many images would fill the default buffer of 250 before the Markdown's entry.
    performance.setResourceTimingBufferSize(1000000);
    const link = document.createElement('a');
    link.href = path;
    link.textContent = 'go';
    document.body.append(link);
    link.click();
    const shown = () => [...document.querySelectorAll('h1')].some((h1) => h1.textContent.trim() === title)
      && !document.querySelector('.skeleton');
    const deadline = performance.now() + 60000;
    while (!shown()) {
      if (performance.now() > deadline) return { error: 'not shown in 60 s' };
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const shownAt = performance.now();
    const markdown = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith(`${path}index.md`));
    if (!markdown) return { error: 'no Markdown fetched' };
    return { render: shownAt - markdown.responseEnd, bytes: markdown.decodedBodySize };
  }, { path, title: post.title });
  await page.close();
  return errors.length ? { error: errors.join('; ') } : result;
}

console.log(`ms from the Markdown's arrival to the article on screen, best of ${RUNS}\n`);
console.log('| input | KB | ms | ms per MB |\n|---|---:|---:|---:|');
for (const post of posts) {
  let best = null;
  for (let run = 0; run < RUNS; run += 1) {
    const result = await visit(post);
    if (result.error) { best = result; break; }
    if (!best || result.render < best.render) best = result;
  }
  if (best.error) {
    console.log(`| ${post.title} | | ${best.error} | |`);
    continue;
  }
  const perMb = best.render / (best.bytes / (1024 * 1024));
  console.log(`| ${post.title} | ${Math.round(best.bytes / 1024)} | ${Math.round(best.render)} | ${Math.round(perMb)} |`);
}
await browser.close();
