// The visit half of the scale benchmark (scripts/bench-scale.sh): cold loads (a fresh browser
// context per load, cache disabled) of an article, a section and the home page of each build,
// in Debian's headless Chromium, with no throttling and with slow 4G + 4x CPU (the profiles of
// first-paint.mjs). For each load: the bytes transferred before the app has taken the page
// over (`<html data-app="live">`; for a page without the app, everything until the load
// event), the time to first contentful paint, the time to app live, the JS heap used after a
// garbage collection and the wasm memory. Writes the medians as JSON; a benchmark, not a test.
//
//   BUILDS='[{"name":"ours","posts":10,"url":"http://127.0.0.1:8150","pages":{"article":"/a/"}}]' \
//     OUT=visits.json node scale-visit.mjs
//
// Environment: BUILDS (as above; `pages` maps a page's label to its path), OUT (the JSON file
// written), RUNS (loads per build, page and profile, default 3), PROFILES (none,slow4g),
// CHROMIUM (default /usr/bin/chromium).
import { writeFileSync } from 'node:fs';
import { launch, PROFILES, recordAppLive, selectedProfiles } from './chromium.mjs';

const BUILDS = JSON.parse(process.env.BUILDS ?? '[]');
const OUT = process.env.OUT;
const RUNS = Number(process.env.RUNS ?? 3);
/** After the app has taken over (or the load event): time for late requests and paints. */
const SETTLE_MS = 1000;
const TIMEOUT_MS = 180_000;

const profileNames = selectedProfiles();
if (!OUT || BUILDS.length === 0) {
  console.error('usage: BUILDS=[...] OUT=FILE node scale-visit.mjs');
  process.exit(2);
}

/** One cold load of `url` under `profile`. */
async function load(browser, url, profile) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await recordAppLive(page);
    await page.addInitScript(() => {
      // Trunk's loader announces the instantiated module; its memory is the app's wasm heap.
      addEventListener('TrunkApplicationStarted', (event) => { window.__wasm = event.detail?.wasm; });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });
    let totalBytes = 0;
    cdp.on('Network.loadingFinished', (event) => { totalBytes += event.encodedDataLength; });

    await page.goto(url, { waitUntil: 'load', timeout: TIMEOUT_MS });
    const hasApp = await page.evaluate(() => document.querySelector('script[type="module"]') !== null);
    if (hasApp) await page.waitForFunction(() => window.__live !== undefined, null, { timeout: TIMEOUT_MS });
    await page.waitForTimeout(SETTLE_MS);

    const measured = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0];
      const until = window.__live ?? navigation.loadEventEnd;
      const entries = [navigation, ...performance.getEntriesByType('resource')].filter((entry) => entry.responseEnd <= until);
      return {
        fcp: performance.getEntriesByName('first-contentful-paint', 'paint')[0]?.startTime ?? null,
        live: window.__live ?? null,
        bytesBefore: entries.reduce((sum, entry) => sum + entry.transferSize, 0),
        requestsBefore: entries.length,
        wasmMemory: window.__wasm?.memory?.buffer?.byteLength ?? null,
      };
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    await cdp.send('HeapProfiler.collectGarbage');
    measured.jsHeap = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    measured.totalBytes = totalBytes;
    return measured;
  } finally {
    await context.close();
  }
}

const median = (values) => {
  const sorted = values.filter((value) => value !== null && value !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const KEYS = ['fcp', 'live', 'bytesBefore', 'requestsBefore', 'wasmMemory', 'jsHeap', 'totalBytes'];

const browser = await launch();
const chromium = browser.version();
const results = [];
const started = Date.now();
try {
  // One unmeasured load of each page first: the servers fill their gzip cache.
  for (const build of BUILDS) {
    for (const path of Object.values(build.pages)) await load(browser, build.url + path, PROFILES.none);
  }
  for (const profileName of profileNames) {
    for (const build of BUILDS) {
      for (const [pageName, path] of Object.entries(build.pages)) {
        const runs = [];
        for (let run = 0; run < RUNS; run += 1) runs.push(await load(browser, build.url + path, PROFILES[profileName]));
        const result = { builder: build.name, posts: build.posts, page: pageName, path, profile: profileName };
        for (const key of KEYS) result[key] = median(runs.map((measured) => measured[key]));
        results.push(result);
        process.stderr.write(`${profileName} ${build.name} ${build.posts} ${pageName}: FCP ${Math.round(result.fcp)} ms` +
          `${result.live === null ? '' : `, live ${Math.round(result.live)} ms`}, ${Math.round(result.bytesBefore / 1024)} KB before takeover\n`);
      }
    }
  }
} finally {
  await browser.close();
}
writeFileSync(OUT, `${JSON.stringify({ runs: RUNS, chromium, seconds: (Date.now() - started) / 1000, results }, null, 2)}\n`);
