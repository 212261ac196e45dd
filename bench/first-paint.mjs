// First paint of one page, ours against Hugo's, in Debian's headless Chromium: cold loads
// (a fresh browser context per load, cache disabled), alternating peers, with no throttling
// and with slow 4G + 4x CPU set through the Chrome DevTools Protocol. FCP and LCP come from
// the browser's own paint timing entries. Prints medians; it is a benchmark, not a test.
//
//   OURS_URL=http://127.0.0.1:8781 HUGO_URL=http://127.0.0.1:8782 node first-paint.mjs
//
// Environment: OURS_URL, HUGO_URL (servers of our dist/ and of Hugo's output), PAGE (default
// /posts/ai_frameworks/), RUNS (loads per peer and profile, default 9), PROFILES
// (comma-separated: none,slow4g), DETAIL=1 (also print each peer's requests in its
// median-FCP load), CHROMIUM (default /usr/bin/chromium).
import { launch, PROFILES, recordAppLive, selectedProfiles } from './chromium.mjs';

const OURS_URL = process.env.OURS_URL ?? 'http://127.0.0.1:8781';
const HUGO_URL = process.env.HUGO_URL ?? 'http://127.0.0.1:8782';
const PAGE = process.env.PAGE ?? '/posts/ai_frameworks/';
const RUNS = Number(process.env.RUNS ?? 9);
const DETAIL = process.env.DETAIL === '1';
/** After the load event (and, for ours, the app taking over): time for late paints. */
const SETTLE_MS = 1000;

const profileNames = selectedProfiles();

// Either URL may point at any build: the same build twice shows how noisy the machine is.
const PEERS = [
  { name: 'ours', url: OURS_URL + PAGE },
  { name: 'hugo', url: HUGO_URL + PAGE },
];

/** One cold load of `peer` under `profile`: paint timings, bytes, and each request. */
async function load(browser, peer, profile) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await recordAppLive(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (profile.network) await cdp.send('Network.emulateNetworkConditions', profile.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });
    const requests = new Map();
    cdp.on('Network.requestWillBeSent', (event) => {
      requests.set(event.requestId, { url: event.request.url, priority: event.request.initialPriority, bytes: 0 });
    });
    cdp.on('Network.loadingFinished', (event) => {
      const request = requests.get(event.requestId);
      if (request) request.bytes = event.encodedDataLength;
    });

    await page.goto(peer.url, { waitUntil: 'load', timeout: 120_000 });
    // A page with the app (a module script) is measured until the app has taken it over.
    const hasApp = await page.evaluate(() => document.querySelector('script[type="module"]') !== null);
    if (hasApp) await page.waitForFunction(() => window.__live !== undefined, null, { timeout: 120_000 });
    await page.waitForTimeout(SETTLE_MS);

    const measured = await page.evaluate(() => new Promise((resolve) => {
      const fcp = performance.getEntriesByName('first-contentful-paint', 'paint')[0]?.startTime ?? null;
      const navigation = performance.getEntriesByType('navigation')[0];
      const path = (url) => new URL(url).pathname;
      const resources = [navigation, ...performance.getEntriesByType('resource')].map((entry) => ({
        path: path(entry.name),
        start: entry.startTime,
        responseStart: entry.responseStart,
        end: entry.responseEnd,
        blocking: entry.renderBlockingStatus ?? '',
      }));
      const done = (lcpEntry) => resolve({
        fcp,
        lcp: lcpEntry ? lcpEntry.startTime : null,
        // An element the app has since replaced is no longer there to name.
        lcpElement: !lcpEntry ? 'none' : lcpEntry.element
          ? `${lcpEntry.element.tagName.toLowerCase()}${lcpEntry.element.className ? '.' + lcpEntry.element.className.split(' ')[0] : ''}`
          : '(replaced)',
        live: window.__live ?? null,
        domContentLoaded: navigation.domContentLoadedEventEnd,
        loadEvent: navigation.loadEventEnd,
        resources,
      });
      const timer = setTimeout(() => done(null), 2000);
      new PerformanceObserver((list, observer) => {
        const entries = list.getEntries();
        observer.disconnect();
        clearTimeout(timer);
        done(entries[entries.length - 1]);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
    }));
    const byUrl = new Map([...requests.values()].map((request) => [new URL(request.url).pathname, request]));
    for (const resource of measured.resources) {
      const request = byUrl.get(resource.path);
      resource.priority = request?.priority ?? '';
      resource.bytes = request?.bytes ?? 0;
    }
    measured.bytes = [...requests.values()].reduce((sum, request) => sum + request.bytes, 0);
    measured.requests = requests.size;
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
const ms = (value) => (value === null ? '-' : `${Math.round(value).toLocaleString('en-US')}`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const spread = (values) => {
  const present = values.filter((value) => value !== null);
  return present.length ? `${ms(Math.min(...present))}-${ms(Math.max(...present))}` : '-';
};
const pad = (text, width) => String(text).padEnd(width);
const padStart = (text, width) => String(text).padStart(width);

const browser = await launch();
console.log(`first paint of ${PAGE}: ${RUNS} cold loads per peer and profile, peers alternating`);
console.log(`ours: ${OURS_URL}   hugo: ${HUGO_URL}   ${browser.version()}, 1280x720, cache off`);
const results = {};
try {
  for (const profileName of profileNames) {
    const profile = PROFILES[profileName];
    results[profileName] = { ours: [], hugo: [] };
    // One unmeasured load of each peer first: the servers fill their gzip cache.
    for (const peer of PEERS) await load(browser, peer, PROFILES.none);
    for (let run = 0; run < RUNS; run += 1) {
      const order = run % 2 === 0 ? PEERS : [...PEERS].reverse();
      for (const peer of order) {
        const measured = await load(browser, peer, profile);
        results[profileName][peer.name].push(measured);
        process.stderr.write(`${profile.label}, run ${run + 1}/${RUNS}, ${peer.name}: FCP ${ms(measured.fcp)} LCP ${ms(measured.lcp)}${measured.live !== null ? ` live ${ms(measured.live)}` : ''} ms\n`);
      }
    }
  }
} finally {
  await browser.close();
}

console.log('');
console.log(`${pad('median (min-max) in ms', 27)}${pad('FCP', 21)}${pad('LCP', 21)}${pad('app live', 21)}bytes (requests)`);
for (const profileName of profileNames) {
  const profile = PROFILES[profileName];
  console.log(profile.label);
  const medians = {};
  for (const peer of PEERS) {
    const runs = results[profileName][peer.name];
    const fcps = runs.map((run) => run.fcp);
    const lcps = runs.map((run) => run.lcp);
    const lives = runs.map((run) => run.live);
    medians[peer.name] = { fcp: median(fcps), lcp: median(lcps) };
    const cell = (values) => pad(`${ms(median(values))} (${spread(values)})`, 21);
    const bytes = median(runs.map((run) => run.bytes));
    const requests = median(runs.map((run) => run.requests));
    const elements = [...new Set(runs.map((run) => run.lcpElement))].join('/');
    console.log(`  ${pad(peer.name, 25)}${cell(fcps)}${cell(lcps)}${lives.some((live) => live !== null) ? cell(lives) : pad('-', 21)}${kb(bytes)} (${requests})   LCP element: ${elements}`);
  }
  const ratio = (key) => medians.ours[key] / medians.hugo[key];
  const verdict = (value) => `${value.toFixed(2)}x${value <= 1.1 ? '' : ' (over 1.1x)'}`;
  console.log(`  ${pad('ours / hugo', 25)}${pad(verdict(ratio('fcp')), 21)}${pad(verdict(ratio('lcp')), 21)}`);
}

if (DETAIL) {
  for (const profileName of profileNames) {
    for (const peer of PEERS) {
      const runs = results[profileName][peer.name];
      const target = median(runs.map((run) => run.fcp));
      const run = runs.reduce((best, candidate) => (Math.abs(candidate.fcp - target) < Math.abs(best.fcp - target) ? candidate : best));
      console.log(`\n${PROFILES[profileName].label}, ${peer.name}, its median-FCP load: FCP ${ms(run.fcp)}, LCP ${ms(run.lcp)}, DOMContentLoaded ${ms(run.domContentLoaded)}, load ${ms(run.loadEvent)}${run.live !== null ? `, live ${ms(run.live)}` : ''} ms`);
      console.log(`  ${pad('request', 44)}${padStart('start', 7)}${padStart('1st byte', 10)}${padStart('end', 7)}${padStart('bytes', 10)}  priority  render-blocking`);
      for (const resource of run.resources) {
        console.log(`  ${pad(resource.path.slice(0, 43), 44)}${padStart(ms(resource.start), 7)}${padStart(ms(resource.responseStart), 10)}${padStart(ms(resource.end), 7)}${padStart(kb(resource.bytes), 10)}  ${pad(resource.priority, 10)}${resource.blocking}`);
      }
    }
  }
}
