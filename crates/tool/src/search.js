// The app's search module, written by the build to pagefind/blogreader-search.js and loaded
// by the app only when a reader opens search. It drives Pagefind's runtime (loaded here by
// dynamic import), adds typo tolerance (a word that is in no page is corrected to the most
// common word one edit away, from the build's vocabulary, fetched by chunks) and answers the
// search page's events: typing, filters, keys, more results, the address. It writes no HTML:
// what it shows is made of elements and text nodes, and of Pagefind's excerpts only <mark> is
// kept (read in an inert document), so no text of a page can become markup.
const here = new URL(".", import.meta.url);
const RESULTS = 5;
const SUB_RESULTS = 3;
const DEBOUNCE_MS = 120;

let pagefind;
async function runtime() {
  pagefind ??= import(new URL("pagefind.js", here).href).then(async (module) => {
    await module.options({ excerptLength: 24 });
    await module.init();
    return module;
  }).catch((error) => {
    pagefind = undefined; // the next search tries again
    throw error;
  });
  return pagefind;
}

// Pagefind (in its web worker) answers a chunk of its index that did not arrive with fewer
// results and no word, and keeps the chunk as loaded. So a search that finds nothing asks
// whether the index can be reached at all: if not, the page says the search failed (not that
// nothing was found), and the next search starts a fresh runtime.
async function indexReachable() {
  return fetch(new URL("pagefind-entry.json", here), { cache: "no-store" })
    .then((response) => response.ok, () => false);
}

// Drops the runtime after a failed search: the next one loads the index anew (what did
// arrive is in the browser's cache).
function forgetRuntime() {
  const loaded = pagefind;
  pagefind = undefined;
  loaded?.then((module) => module.destroy()).catch(() => {});
}

// The vocabulary's chunks that exist (the build writes their names here).
const CHUNKS = new Set(/* chunk names */ []);
const chunks = new Map();
const hex = (character) => character.codePointAt(0).toString(16);
function chunk(name) {
  if (!CHUNKS.has(name)) return Promise.resolve([]);
  if (!chunks.has(name)) {
    chunks.set(name, fetch(new URL(`vocabulary/${name}`, here))
      .then((response) => {
        if (!response.ok) throw new Error(`${response.status}`);
        return response.text();
      })
      .then((text) => text.split("\n").filter(Boolean).map((line) => {
        const [word, count] = line.split(" ");
        return [word, Number(count)];
      }))
      .catch(() => {
        chunks.delete(name); // asked for again by the next search
        return [];
      }));
  }
  return chunks.get(name);
}

// Whether a and b are at most one insertion, deletion, substitution or swap of neighbours apart.
function oneEditApart(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    return a.slice(i + 1) === b.slice(i + 1)
      || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// The most common word one edit away from `word` among `candidates`, if any.
function nearest(word, candidates) {
  let best, bestCount = 0;
  for (const [known, count] of candidates) {
    if (count > bestCount && oneEditApart(word, known)) [best, bestCount] = [known, count];
  }
  return best;
}

// The word to search for in place of `word`: itself when a page has it (or a word that starts
// with it: Pagefind matches prefixes), else the most common word one edit away, if any. A
// known word costs one small chunk (its first two letters); a typo in its first two letters,
// four more.
async function corrected(word) {
  const letters = [...word];
  if (letters.length < 3) return word;
  const near = await chunk(`p${hex(letters[0])}-${hex(letters[1])}.txt`);
  if (near.some(([known]) => known.startsWith(word))) return word;
  const far = async () => (await Promise.all([
    chunk(`f${hex(letters[0])}.txt`), chunk(`f${hex(letters[1])}.txt`),
    chunk(`s${hex(letters[0])}.txt`), chunk(`s${hex(letters[1])}.txt`),
  ])).flat();
  return nearest(word, near) ?? nearest(word, await far()) ?? word;
}

async function run(query, filters) {
  const found = await (await runtime()).search(query, { filters });
  return found?.results ?? [];
}

// An element with its attributes and children (strings become text nodes).
function element(name, attributes, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children);
  return node;
}

// A result's address when it is one of this site's, else none: nothing else becomes a link.
function siteUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.origin === location.origin ? parsed.pathname + parsed.search + parsed.hash : "";
  } catch {
    return "";
  }
}

// Pagefind's excerpt (the page's text as HTML, the words found in <mark>) as nodes: read in a
// document of its own, which runs and loads nothing; of its elements only <mark> is kept.
const parser = new DOMParser();
function excerptNodes(excerpt) {
  const body = parser.parseFromString(excerpt, "text/html").body;
  return [...body.childNodes].map((node) =>
    node.nodeName === "MARK" ? element("mark", {}, node.textContent) : document.createTextNode(node.textContent));
}

// One result: title, date and section, the excerpt, and up to SUB_RESULTS headings of it.
function hit({ url, excerpt, meta, sub_results: subs = [] }) {
  const item = element("li", { class: "search-hit" },
    element("a", { class: "search-title", href: siteUrl(url) }, meta.title ?? url));
  if (meta.date || meta.section) {
    item.append(element("p", { class: "search-meta" },
      element("time", { datetime: meta.datetime ?? "" }, meta.date ?? ""),
      element("span", { class: "search-section" }, meta.section ?? "")));
  }
  item.append(element("p", { class: "search-excerpt" }, ...excerptNodes(excerpt)));
  const headings = subs.filter((sub) => sub.url !== url && sub.url.includes("#")).slice(0, SUB_RESULTS);
  if (headings.length > 0) {
    item.append(element("ul", { class: "search-subs" }, ...headings.map((sub) => element("li", {},
      element("a", { href: siteUrl(sub.url) }, sub.title), " ",
      element("span", { class: "search-excerpt" }, ...excerptNodes(sub.excerpt))))));
  }
  return item;
}
let latest = 0;
let more = 0;
const byId = (id) => document.getElementById(id);

// Searches for what the page's form asks, and shows it; the address follows the query.
async function search() {
  const call = ++latest;
  const input = byId("search-input");
  if (!input) return;
  const query = input.value.trim();
  const address = new URL(location.href);
  if (query) address.searchParams.set("q", input.value); else address.searchParams.delete("q");
  history.replaceState(history.state, "", address);
  const [list, status, button] = [byId("search-results"), byId("search-status"), byId("search-more")];
  if (!query) {
    list.replaceChildren();
    status.textContent = "";
    button.hidden = true;
    return;
  }
  const filters = {};
  const [tag, section] = [byId("search-tag").value, byId("search-section").value];
  if (tag) filters.tag = tag;
  if (section) filters.section = section;
  // While the debounce waits, the index's chunks for the query and the vocabulary's for its
  // words are fetched, as Pagefind's own debounced search preloads.
  runtime().then((pagefind) => pagefind.preload(query, { filters })).catch(() => {});
  const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  // A word no page has is left out by Pagefind: if one is one edit from a word pages have,
  // the corrected query is searched instead (its chunks also fetched during the debounce).
  const correcting = Promise.all(words.map(corrected)).then((fixed) => {
    if (fixed.every((word, index) => word === words[index])) return "";
    const correction = fixed.join(" ");
    runtime().then((pagefind) => pagefind.preload(correction, { filters })).catch(() => {});
    return correction;
  });
  await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
  if (call !== latest) return;
  const correction = await correcting;
  let [results, shown, failed] = [[], [], false];
  try {
    const wanted = RESULTS * (1 + more);
    const better = correction ? await run(correction, filters) : [];
    // The query as written, with a word no page has, is Pagefind's slowest kind of search
    // (the bench's slowest, in its own UI too): after a correction it runs only when the
    // corrected one leaves the page short, its results then after the correction's.
    const original = better.length >= wanted ? [] : await run(query, filters);
    const seen = new Set(better.map((result) => result.id));
    results = better.concat(original.filter((result) => !seen.has(result.id)));
    if (call !== latest) return;
    shown = await Promise.all(results.slice(0, wanted).map((result) => result.data()));
  } catch {
    // The runtime, or a result's text, did not arrive.
    failed = true;
  }
  if (results.length === 0 && !failed) failed = !(await indexReachable());
  if (call !== latest) return;
  list.replaceChildren(...shown.map(hit));
  button.hidden = results.length <= shown.length;
  if (failed) {
    status.textContent = `Search could not reach its index for “${query}”: check the connection `
      + "and search again.";
    forgetRuntime();
    return;
  }
  const found = results.length === 0 ? "No results" : results.length === 1 ? "1 result" : `${results.length} results`;
  status.textContent = correction
    ? `${found} for “${query}”, read as “${correction}”.`
    : `${found} for “${query}”.`;
}

async function fillFilters() {
  const filters = await (await runtime()).filters();
  for (const [name, id, all] of [["tag", "search-tag", "All tags"], ["section", "search-section", "All sections"]]) {
    const values = Object.entries(filters[name] ?? {}).sort(([a], [b]) => a.localeCompare(b));
    const select = byId(id);
    select?.replaceChildren(element("option", { value: "" }, all),
      ...values.map(([value, count]) => element("option", { value }, `${value} (${count})`)));
  }
}

// The search box and the results' links, in order: what the arrow keys move through.
const stops = () => [...document.querySelectorAll("#search-input, #search-results a")];

document.addEventListener("input", (event) => {
  if (event.target.id === "search-input") { more = 0; search(); }
});
document.addEventListener("change", (event) => {
  if (event.target.closest?.(".search-form select")) { more = 0; search(); }
});
document.addEventListener("click", (event) => {
  if (event.target.id === "search-more") { more += 1; search(); }
});
document.addEventListener("submit", (event) => {
  if (!event.target.matches?.(".search-form")) return;
  event.preventDefault();
  // Enter opens the first result, as a click: the app follows it.
  stops()[1]?.click();
});
// Arrows move between the box and the results; Escape goes back to the box, or, from an
// empty box, closes search (back to the page before).
document.addEventListener("keydown", (event) => {
  const all = stops();
  const at = all.indexOf(event.target);
  if (at < 0) return;
  let next;
  if (event.key === "ArrowDown") next = all[at + 1];
  else if (event.key === "ArrowUp") next = all[Math.max(at - 1, 0)];
  else if (event.key === "Escape") {
    if (at === 0 && !all[0].value) { history.back(); return; }
    next = all[0];
  } else return;
  if (next) { event.preventDefault(); next.focus(); }
});

// Opens the search page when one is shown and the app runs (its query from the address, its
// filters, its results); elsewhere loads what a first query needs. The index page's script
// calls it each time the app shows the search page; it also runs as the module loads.
async function open() {
  const input = byId("search-input");
  if (!input || document.documentElement.dataset.app !== "live") { await runtime(); return; }
  input.dataset.open = "1";
  const query = new URLSearchParams(location.search).get("q");
  if (query) input.value = query;
  // After the app has placed the page (and focused its heading).
  requestAnimationFrame(() => input.focus());
  more = 0;
  await Promise.all([fillFilters(), search()]);
}

globalThis.blogreaderSearch = { open };
open().catch(() => {
  const status = byId("search-status");
  if (status) status.textContent = "Search could not be loaded.";
});
