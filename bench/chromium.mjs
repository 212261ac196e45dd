// Debian's Chromium for the benchmarks, started as the end-to-end tests start it
// (tests/e2e/browser.mjs): playwright-core's own browser download does not work here.
import { chromium } from 'playwright-core';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium at $CHROMIUM, by default /usr/bin/chromium. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/** The loads the benchmarks throttle to: none, and slow 4G as in /work/shared/docs/peers.md
 * (150 ms round trip, 1.6 Mbps down, 750 kbps up, in bytes per second below; CPU slowed 4x). */
export const PROFILES = {
  none: { label: 'no throttling', network: null, cpuRate: 1 },
  slow4g: {
    label: 'slow 4G + 4x CPU',
    network: { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 },
    cpuRate: 4,
  },
};

/** The profiles $PROFILES names (comma-separated; by default none,slow4g). */
export function selectedProfiles() {
  const names = (process.env.PROFILES ?? 'none,slow4g').split(',').map((name) => name.trim());
  for (const name of names) {
    if (!PROFILES[name]) throw new Error(`unknown profile ${name}; known: ${Object.keys(PROFILES).join(', ')}`);
  }
  return names;
}

/** Records in `window.__live` when the app marks the page live (`<html data-app="live">`), in
 * the page's own clock. */
export function recordAppLive(page) {
  return page.addInitScript(() => {
    const mark = () => {
      if (window.__live === undefined && document.documentElement?.getAttribute('data-app') === 'live') {
        window.__live = performance.now();
      }
    };
    new MutationObserver(mark).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app'] });
  });
}
