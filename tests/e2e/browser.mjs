// Starts Debian's Chromium through playwright-core (its own browser download does not work
// here) and gives each test a fresh page that fails the test on any uncaught page error.
import { chromium } from 'playwright-core';

export const SEED_URL = process.env.SEED_URL ?? 'http://127.0.0.1:8091';
export const FIXTURE_URL = process.env.FIXTURE_URL ?? 'http://127.0.0.1:8092';
export const PREFIXED_URL = process.env.PREFIXED_URL ?? 'http://127.0.0.1:8093/blog';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

/** A new page that records uncaught errors (a wasm panic shows up here). */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.pageErrors = [];
  page.on('pageerror', (error) => page.pageErrors.push(error.message));
  return page;
}

/** Marks the current document, so a test can tell a client-side navigation from a reload. */
export async function markDocument(page) {
  await page.evaluate(() => { window.__sameDocument = true; });
}

export async function isSameDocument(page) {
  return page.evaluate(() => window.__sameDocument === true);
}

/**
 * Opens `url` and waits until the app has taken the prerendered page over, so that a click
 * is followed in the app (before that, a click loads the next page the ordinary way).
 */
export async function openApp(page, url) {
  await page.goto(url);
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
}

/**
 * Every page of the built site at `siteUrl`, as its route data has it (URL, kind, title,
 * terms, …): each URL of the sitemap, and the page of that route's `route.json`.
 */
export async function sitePages(siteUrl) {
  const sitemap = await (await fetch(`${siteUrl}/sitemap.xml`)).text();
  const { origin } = new URL(siteUrl);
  const paths = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1], siteUrl).pathname);
  return Promise.all(paths.map(async (path) => {
    const response = await fetch(`${origin}${path}route.json`);
    if (response.status !== 200) throw new Error(`${path}route.json answered ${response.status}`);
    const route = await response.json();
    return route.pages[route.page_index];
  }));
}
