// Search in Debian's headless Chromium, ours (its index under /search-index/) against
// Pagefind's own default UI on Pagefind's index of the same documents (under /pagefind/, built
// by the benchmark script with pagefind-index.mjs, beside a page it adds for the UI): bytes
// fetched (from each UI's own folder) to open search and answer the first query, and for
// each further one; the time from a keystroke to the results on screen (the debounce, the
// same 120 ms in both, taken off); and how often the intended post is in the top 5, for the
// queries as written and with a one-letter typo. A cold browser context per UI. A benchmark,
// not a test.
//
//   SITE_URL=http://127.0.0.1:8150 QUERIES=queries.tsv node search.mjs
//
// SLOWEST=n also prints each UI's n slowest queries (time, bytes, whether a typo), to read
// where a high percentile comes from.
// QUERIES: lines of "expected URL<TAB>query<TAB>query with a typo" (bench/search-site.mjs).
import { readFileSync } from 'node:fs';
import { launch } from './chromium.mjs';

const SITE_URL = process.env.SITE_URL ?? 'http://127.0.0.1:8150';
const DEBOUNCE_MS = 120;
const queries = readFileSync(process.env.QUERIES, 'utf8').split('\n').filter(Boolean)
  .map((line) => { const [url, query, typo] = line.split('\t'); return { url, query, typo }; });

const UIS = {
  ours: {
    page: '/search/',
    // What counts toward the bytes fetched: requests under this folder.
    folder: '/search-index/',
    ready: '#search-tag option:nth-child(2)',
    input: '#search-input',
    // Done when the live region names the query: the results are in place by then.
    links: () => [...document.querySelectorAll('#search-results .search-title')].map((link) => link.pathname),
  },
  pagefind: {
    page: '/pagefind-ui-bench/',
    folder: '/pagefind/',
    ready: '.pagefind-ui__search-input',
    input: '.pagefind-ui__search-input',
    // Done when the message names the query and the first five results have their titles.
    links: () => [...document.querySelectorAll('.pagefind-ui__result-link')].map((link) => new URL(link.href).pathname),
  },
};

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};

const browser = await launch();

async function measure(name) {
  const ui = UIS[name];
  const context = await browser.newContext();
  let bytes = 0;
  context.on('requestfinished', async (request) => {
    if (!new URL(request.url()).pathname.startsWith(ui.folder)) return;
    const sizes = await request.sizes().catch(() => null);
    if (sizes) bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  const page = await context.newPage();
  await page.goto(SITE_URL + ui.page);
  await page.locator(ui.input).focus();
  await page.locator(ui.ready).waitFor({ state: 'attached' });
  const ask = async (query) => {
    const before = bytes;
    // The pages' policy forbids eval: each UI's "done" is written out here.
    const result = await page.evaluate(async ({ query, name, selector, debounce }) => {
      const isDone = () => {
        if (name === 'ours') {
          return document.getElementById('search-status')?.textContent.includes(`“${query}”`);
        }
        const message = document.querySelector('.pagefind-ui__message')?.textContent ?? '';
        // "Searching for …" names the query too: only a count (or none found) is an answer.
        // The count has thousands separators ("1,655 results").
        if (!message.includes(query) || !/^([\d,]+|No) result/.test(message)) return false;
        const found = Number(message.match(/^[\d,]+/)?.[0].replaceAll(',', '') ?? 0);
        return document.querySelectorAll('.pagefind-ui__result-link').length >= Math.min(found, 5);
      };
      const input = document.querySelector(selector);
      // The box emptied first, until no result is left: a UI that keeps the last results on
      // screen until the next ones arrive would else read as done with the old ones.
      const resultLinks = name === 'ours' ? '#search-results a' : '.pagefind-ui__result-link';
      input.value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const giveUp = performance.now() + 10_000;
      while (document.querySelector(resultLinks)) {
        if (performance.now() > giveUp) return { stuck: 'the emptied box left results on screen' };
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const started = performance.now();
      input.value = query;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const answered = await new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (isDone()) { observer.disconnect(); resolve(true); }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
        setTimeout(() => { observer.disconnect(); resolve(false); }, 10_000);
      });
      if (!answered) return { stuck: 'no answer within 10 s' };
      return { elapsed: performance.now() - started - debounce };
    }, { query, name, selector: ui.input, debounce: DEBOUNCE_MS });
    // A query that gets stuck is said and left out of the figures (it is no fast answer).
    if (result.stuck) console.error(`${name}, “${query}”: ${result.stuck}`);
    const elapsed = result.elapsed ?? Number.NaN;
    await page.waitForTimeout(50);
    const links = await page.evaluate(`(${ui.links.toString()})()`);
    return { elapsed, bytes: bytes - before, links };
  };
  const opened = bytes;
  const first = await ask(queries[0].query);
  const further = [];
  let found = 0, foundTypo = 0;
  for (const [index, { url, query, typo }] of queries.entries()) {
    const answer = index === 0 ? first : await ask(query);
    if (index > 0) further.push({ ...answer, query });
    if (answer.links.slice(0, 5).includes(url)) found += 1;
    const typoAnswer = await ask(typo);
    further.push({ ...typoAnswer, query: typo, typo: true });
    if (typoAnswer.links.slice(0, 5).includes(url)) foundTypo += 1;
  }
  await context.close();
  const slowest = Number(process.env.SLOWEST ?? 0);
  if (slowest > 0) {
    const sorted = [...further].sort((a, b) => (b.elapsed || 0) - (a.elapsed || 0));
    for (const { query, typo, elapsed, bytes: fetched } of sorted.slice(0, slowest)) {
      console.log(`${name}: ${elapsed.toFixed(1)} ms, ${(fetched / 1024).toFixed(1)} KB, `
        + `${typo ? 'typo' : 'as written'}: “${query}”`);
    }
  }
  const times = further.map((answer) => answer.elapsed).filter((elapsed) => !Number.isNaN(elapsed));
  const furtherBytes = further.map((answer) => answer.bytes);
  return {
    ui: name,
    'open + first query (KB)': ((opened + first.bytes) / 1024).toFixed(1),
    'first query (ms)': first.elapsed.toFixed(0),
    'further query, median (KB)': (percentile(furtherBytes, 0.5) / 1024).toFixed(1),
    'further query, mean (KB)': (furtherBytes.reduce((a, b) => a + b, 0) / furtherBytes.length / 1024).toFixed(1),
    'latency median (ms)': percentile(times, 0.5).toFixed(1),
    'latency p95 (ms)': percentile(times, 0.95).toFixed(1),
    'top 5, as written': `${found}/${queries.length}`,
    'top 5, one typo': `${foundTypo}/${queries.length}`,
    'no answer': further.length - times.length,
  };
}

const rows = [];
for (const name of Object.keys(UIS)) rows.push(await measure(name));
await browser.close();
console.table(rows);
console.log(JSON.stringify(rows));
