// The app's search module, written by the build to search-index/blogreader-search.js and
// loaded by the app only when a reader opens search. It reads the build's index (see
// crates/tool/src/search.rs): each query word's vocabulary chunk (by its first two letters:
// is the word known, which words start with it, where its stem's list of pages is), then
// those lists, then the text of the results it shows, for their excerpts and sub-results.
// A word that is in no page is corrected to the most common word one edit away. It answers
// the search page's events: typing, filters, keys, more results, the address. It writes no
// HTML: what it shows is made of elements and text nodes, so no text of a page can become
// markup.
const here = new URL(".", import.meta.url);
// The site's root (under its base path): the pages' addresses in the index are from it.
const root = new URL("..", here);
const RESULTS = 5;
const SUB_RESULTS = 3;
const DEBOUNCE_MS = 120;
const EXCERPT_WORDS = 24;
const LEAD_WORDS = 6;
// The last word is also read as the start of longer words (search as you type): the most
// common of them, at half weight.
const PREFIX_WORDS = 8;
const LONGEST_WORD = 40;

// Each file of the index is fetched once; one that did not arrive is asked for again by the
// next search, and the search that needed it says it failed.
const files = new Map();
function load(path, parse) {
  if (!files.has(path)) {
    files.set(path, fetch(new URL(path, here)).then((response) => {
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      return parse(response);
    }).catch((error) => {
      files.delete(path);
      throw error;
    }));
  }
  return files.get(path);
}
const json = (path) => load(path, (response) => response.json());
// A page's text is stored gzipped (crates/tool/src/search.rs); from a host that sends it
// with Content-Encoding the browser has inflated it already.
const gzippedJson = (path) => load(path, async (response) => {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const text = gzip ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip")) : bytes;
  return new Response(text).json();
});

// The words of a text as the build splits them (crates/search/src/index.rs): runs of letters
// and digits with the combining signs and joiners inside them, each character of a script
// written without spaces on its own.
const UNSPACED = "\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff";
const WORD = new RegExp(`[${UNSPACED}]|(?:(?![${UNSPACED}])[\\p{Alphabetic}\\p{N}])`
  + `(?:(?![${UNSPACED}])[\\p{Alphabetic}\\p{N}\\p{M}\\u200c\\u200d])*`, "gu");
const wordsOf = (text) => [...text.toLowerCase().matchAll(WORD)].map(([word]) => word)
  .filter((word) => [...word].length <= LONGEST_WORD);

// The vocabulary's chunks that exist (the build writes their names here). A line is
// "word pages [stems-file [stem]]": the last two only in the chunks by first two letters.
const CHUNKS = new Set(/* chunk names */ []);
const hex = (character) => character.codePointAt(0).toString(16);
function chunk(name) {
  if (!CHUNKS.has(name)) return Promise.resolve([]);
  return load(`vocabulary/${name}`, async (response) => (await response.text())
    .split("\n").filter(Boolean).map((line) => {
      const [word, count, file, stem] = line.split(" ");
      return { word, count: Number(count), file, stem: stem ?? word };
    }));
}
const lookupChunk = (letters) => chunk(letters.length === 1
  ? `p${hex(letters[0])}.txt` : `p${hex(letters[0])}-${hex(letters[1])}.txt`);

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
  for (const { word: known, count } of candidates) {
    if (count > bestCount && oneEditApart(word, known)) [best, bestCount] = [known, count];
  }
  return best;
}

// The word to search for in place of `word`: itself when a page has it (or a word that starts
// with it), else the most common word one edit away, if any. A known word costs the chunk of
// its first two letters, which the search reads anyway; a typo in its first two letters, four
// more.
async function corrected(word) {
  const letters = [...word];
  if (letters.length < 3) return word;
  const near = await lookupChunk(letters);
  if (near.some(({ word: known }) => known.startsWith(word))) return word;
  const far = async () => (await Promise.all([
    chunk(`f${hex(letters[0])}.txt`), chunk(`f${hex(letters[1])}.txt`),
    chunk(`s${hex(letters[0])}.txt`), chunk(`s${hex(letters[1])}.txt`),
  ])).flat();
  return nearest(word, near) ?? nearest(word, await far()) ?? word;
}

// What `word` matches: the vocabulary's entry of the word itself, and when `prefix` or when
// no page has the word, of the most common words that start with it; each stem once, at its
// best weight.
async function matches(word, prefix) {
  const letters = [...word];
  const lines = await lookupChunk(letters);
  const found = lines.filter((line) => line.word === word).map((line) => ({ ...line, weight: 1 }));
  if ((prefix || found.length === 0) && letters.length > 1) {
    found.push(...lines.filter((line) => line.word !== word && line.word.startsWith(word))
      .sort((a, b) => b.count - a.count).slice(0, PREFIX_WORDS)
      .map((line) => ({ ...line, weight: 0.5 })));
  }
  const byStem = new Map();
  for (const match of found) {
    if (!byStem.has(match.stem) || byStem.get(match.stem).weight < match.weight) byStem.set(match.stem, match);
  }
  return [...byStem.values()];
}

// A stem's pages and scores: its list in its stems file, pairs of (step from the page
// before, score).
const lists = new Map();
async function pagesOf({ file, stem }) {
  const key = `${file} ${stem}`;
  if (!lists.has(key)) {
    const stems = await json(`stems/${file}.json`);
    // Own keys only: a stem such as "constructor" is no property of every object.
    const list = Object.hasOwn(stems, stem) ? stems[stem] : [];
    const scores = new Map();
    for (let i = 0, page = 0; i + 1 < list.length; i += 2) {
      page += list[i];
      scores.set(page, list[i + 1]);
    }
    lists.set(key, scores);
  }
  return lists.get(key);
}

// The pages a filter value allows.
async function allowed(name, value) {
  const values = (await json("filters.json"))[name] ?? {};
  if (!Object.hasOwn(values, value)) return new Set();
  return new Set(await json(`filters/${values[value][1]}.json`));
}

// The pages with every known word of `query` (a word in no page is left out, as Pagefind
// does), best first, within `filters`; each with what shows it.
async function run(query, filters) {
  const words = wordsOf(query);
  const terms = (await Promise.all(words.map((word, index) => matches(word, index === words.length - 1))))
    .filter((term) => term.length > 0);
  if (terms.length === 0) return [];
  const scored = await Promise.all(terms.map(async (term) => {
    const scores = new Map();
    const termLists = await Promise.all(term.map(pagesOf));
    term.forEach(({ weight }, index) => {
      for (const [page, score] of termLists[index]) {
        scores.set(page, Math.max(scores.get(page) ?? 0, score * weight));
      }
    });
    return scores;
  }));
  const sets = await Promise.all(Object.entries(filters).map(([name, value]) => allowed(name, value)));
  scored.sort((a, b) => a.size - b.size);
  const [fewest, ...others] = scored;
  const results = [];
  for (const [page, score] of fewest) {
    if (!sets.every((set) => set.has(page))) continue;
    let total = score;
    for (const scores of others) {
      const more = scores.get(page);
      if (more === undefined) { total = -1; break; }
      total += more;
    }
    if (total >= 0) results.push({ id: page, score: total });
  }
  results.sort((a, b) => b.score - a.score || a.id - b.id);
  const isMatch = matcher(terms.flat());
  return results.map((result) => ({ ...result, data: () => shown(result.id, isMatch) }));
}

// Whether a word of a page's text is one a query matched: the word itself, or one that looks
// like another form of its stem (the browser has no stemmer: this only marks words).
function matcher(found) {
  const common = (a, b) => { let i = 0; while (i < a.length && a[i] === b[i]) i++; return i; };
  return (word) => found.some(({ word: known, stem, weight }) =>
    word === known || (weight < 1 && word.startsWith(known))
    || (stem.length >= 3 && word.length <= stem.length + 4
      && common(word, stem) >= stem.length - (stem.length > 4 ? 1 : 0)));
}

// The EXCERPT_WORDS words of `text` with the most matches, as pieces of text, marked or not.
function excerpt(text, isMatch) {
  const words = [...text.matchAll(WORD)].map((found) => ({
    start: found.index, end: found.index + found[0].length, hit: isMatch(found[0].toLowerCase()),
  }));
  let [best, bestHits, hits] = [0, -1, 0];
  for (let i = 0; i < words.length; i++) {
    hits += words[i].hit ? 1 : 0;
    if (i >= EXCERPT_WORDS) hits -= words[i - EXCERPT_WORDS].hit ? 1 : 0;
    const from = Math.max(0, i - EXCERPT_WORDS + 1);
    if (hits > bestHits) [best, bestHits] = [from, hits];
  }
  // A few words before the first match, not the window's start: the match reads in context.
  const first = words.findIndex((word, index) => index >= best && word.hit);
  if (first - LEAD_WORDS > best) best = Math.min(first - LEAD_WORDS, words.length - EXCERPT_WORDS);
  const window = words.slice(best, best + EXCERPT_WORDS);
  if (window.length === 0) return { pieces: [], hits: 0 };
  const pieces = [];
  let at = window[0].start;
  if (best > 0) pieces.push({ text: "… " });
  for (const word of window) {
    if (!word.hit) continue;
    pieces.push({ text: text.slice(at, word.start) }, { text: text.slice(word.start, word.end), mark: true });
    at = word.end;
  }
  const end = window[window.length - 1].end;
  pieces.push({ text: text.slice(at, end) + (end < text.trimEnd().length ? " …" : "") });
  return { pieces, hits: window.filter((word) => word.hit).length };
}

// What a result shows: its page's address, title, date and section, the excerpt, and the
// headings whose parts match most (up to SUB_RESULTS, in the page's order).
async function shown(id, isMatch) {
  const page = await gzippedJson(`pages/${id}.json.gz`);
  const url = new URL(String(page.url).replace(/^\/+/, ""), root).pathname;
  const whole = page.sections.map((section) => [section.title, section.text].filter(Boolean).join(" ")).join(" ");
  const subs = page.sections.filter((section) => section.id)
    .map((section, order) => ({ section, order, ...excerpt(`${section.title} ${section.text}`, isMatch) }))
    .filter((sub) => sub.hits > 0)
    .sort((a, b) => b.hits - a.hits || a.order - b.order)
    .slice(0, SUB_RESULTS)
    .sort((a, b) => a.order - b.order)
    .map(({ section }) => ({
      url: `${url}#${encodeURIComponent(section.id)}`,
      title: section.title,
      excerpt: excerpt(section.text, isMatch).pieces,
    }));
  return {
    url,
    meta: { title: page.title, date: page.date, datetime: page.datetime, section: page.section },
    excerpt: excerpt(whole, isMatch).pieces,
    sub_results: subs,
  };
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

// An excerpt's pieces as text nodes, the matched words in <mark>.
const excerptNodes = (pieces) => pieces.map(({ text, mark }) =>
  mark ? element("mark", {}, text) : document.createTextNode(text));

// One result: title, date and section, the excerpt, and up to SUB_RESULTS headings of it.
function hit({ url, excerpt, meta, sub_results: subs }) {
  const item = element("li", { class: "search-hit" },
    element("a", { class: "search-title", href: siteUrl(url) }, meta.title ?? url));
  if (meta.date || meta.section) {
    item.append(element("p", { class: "search-meta" },
      element("time", { datetime: meta.datetime ?? "" }, meta.date ?? ""),
      element("span", { class: "search-section" }, meta.section ?? "")));
  }
  item.append(element("p", { class: "search-excerpt" }, ...excerptNodes(excerpt)));
  if (subs.length > 0) {
    item.append(element("ul", { class: "search-subs" }, ...subs.map((sub) => element("li", {},
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
  const newest = byId("search-sort")?.value === "date";
  const address = new URL(location.href);
  if (query) address.searchParams.set("q", input.value); else address.searchParams.delete("q");
  if (newest) address.searchParams.set("sort", "date"); else address.searchParams.delete("sort");
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
  const words = wordsOf(query);
  // A word no page has is left out of a search: if one is one edit from a word pages have,
  // the corrected query is searched instead. While the debounce waits, what the query
  // needs (vocabulary chunks, stems' lists) is fetched: its search runs once ahead.
  const correcting = Promise.all(words.map(corrected)).then((fixed) =>
    fixed.every((word, index) => word === words[index]) ? "" : fixed.join(" "));
  correcting.then((correction) => run(correction || query, filters)).catch(() => {});
  await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
  if (call !== latest) return;
  let [results, shown, failed, correction] = [[], [], false, ""];
  try {
    correction = await correcting;
    const wanted = RESULTS * (1 + more);
    const better = correction ? await run(correction, filters) : [];
    // After a correction the query as written runs only when the corrected one leaves the
    // page short, its results then after the correction's.
    const original = better.length >= wanted ? [] : await run(query, filters);
    const seen = new Set(better.map((result) => result.id));
    results = better.concat(original.filter((result) => !seen.has(result.id)));
    // The build numbers the pages newest first (undated last).
    if (newest) results.sort((a, b) => a.id - b.id);
    if (call !== latest) return;
    shown = await Promise.all(results.slice(0, wanted).map((result) => result.data()));
  } catch {
    // A file of the index did not arrive (the next search asks for it again).
    failed = true;
  }
  if (call !== latest) return;
  list.replaceChildren(...shown.map(hit));
  button.hidden = results.length <= shown.length;
  if (failed) {
    status.textContent = `Search could not reach its index for “${query}”: check the connection `
      + "and search again.";
    return;
  }
  const found = results.length === 0 ? "No results" : results.length === 1 ? "1 result" : `${results.length} results`;
  status.textContent = correction
    ? `${found} for “${query}”, read as “${correction}”.`
    : `${found} for “${query}”.`;
}

async function fillFilters() {
  const filters = await json("filters.json");
  for (const [name, id, all] of [["tag", "search-tag", "All tags"], ["section", "search-section", "All sections"]]) {
    const values = Object.entries(filters[name] ?? {}).sort(([a], [b]) => a.localeCompare(b));
    const select = byId(id);
    select?.replaceChildren(element("option", { value: "" }, all),
      ...values.map(([value, [count]]) => element("option", { value }, `${value} (${count})`)));
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
  if (!input || document.documentElement.dataset.app !== "live") { await json("filters.json"); return; }
  input.dataset.open = "1";
  const address = new URLSearchParams(location.search);
  const query = address.get("q");
  if (query) input.value = query;
  // The order is the module's: the page has no use for it without JavaScript.
  if (!byId("search-sort")) {
    byId("search-section")?.after(element("select", { id: "search-sort", "aria-label": "Order" },
      element("option", { value: "" }, "Best match"), element("option", { value: "date" }, "Newest first")));
  }
  if (address.get("sort") === "date") byId("search-sort").value = "date";
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
