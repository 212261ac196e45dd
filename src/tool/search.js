// The app's search module, written by the build to pagefind/blogreader-search.js and loaded
// by the search page only when a reader opens search. It drives Pagefind's runtime (loaded
// here by dynamic import) and adds typo tolerance: a word that is in no page is corrected to
// the most common word one edit away, from the build's vocabulary, fetched by chunks. It hands
// the app plain data; the app escapes every text and keeps only <mark> of the excerpts.
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
  });
  return pagefind;
}

const chunks = new Map();
function chunk(kind, character) {
  if (character === undefined) return Promise.resolve([]);
  const name = `${kind}${character.codePointAt(0).toString(16)}.txt`;
  if (!chunks.has(name)) {
    chunks.set(name, fetch(new URL(`vocabulary/${name}`, here))
      .then((response) => (response.ok ? response.text() : ""))
      .then((text) => text.split("\n").filter(Boolean).map((line) => {
        const [word, count] = line.split(" ");
        return [word, Number(count)];
      }))
      .catch(() => []));
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

// The word to search for in place of `word`: itself when a page has it (or a word that starts
// with it: Pagefind matches prefixes), else the most common word one edit away, if any.
async function corrected(word) {
  const letters = [...word];
  if (letters.length < 3) return word;
  const candidates = (await Promise.all([
    chunk("f", letters[0]), chunk("f", letters[1]), chunk("s", letters[0]), chunk("s", letters[1]),
  ])).flat();
  if (candidates.some(([known]) => known.startsWith(word))) return word;
  let best = word, bestCount = 0;
  for (const [known, count] of candidates) {
    if (count > bestCount && oneEditApart(word, known)) [best, bestCount] = [known, count];
  }
  return best;
}

async function run(query, filters) {
  const found = await (await runtime()).search(query, { filters });
  return found?.results ?? [];
}

function plain({ url, excerpt, meta, sub_results: subs = [] }) {
  return {
    url,
    excerpt,
    title: meta.title ?? url,
    date: meta.date ?? "",
    datetime: meta.datetime ?? "",
    section: meta.section ?? "",
    subs: subs.filter((sub) => sub.url !== url && sub.url.includes("#")).slice(0, SUB_RESULTS)
      .map((sub) => ({ url: sub.url, title: sub.title, excerpt: sub.excerpt })),
  };
}

let latest = 0;
globalThis.blogreaderSearch = {
  // Loads the runtime ahead of the first query (the search page calls it on opening).
  open: () => runtime().then(() => undefined),
  // The filters' values and page counts: { tag: { Rust: 3 }, section: { Posts: 9 } }.
  filters: async () => (await runtime()).filters(),
  // Results for `query` as the reader types: null when a later call overtook this one.
  async search(query, tag, section, more) {
    const call = ++latest;
    await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
    if (call !== latest) return null;
    const filters = {};
    if (tag) filters.tag = tag;
    if (section) filters.section = section;
    const limit = RESULTS * (1 + more);
    let results = await run(query, filters);
    let correction = "";
    const words = query.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    if (results.length < RESULTS && words.length) {
      const fixed = await Promise.all(words.map(corrected));
      if (fixed.some((word, index) => word !== words[index])) {
        correction = fixed.join(" ");
        const seen = new Set(results.map((result) => result.id));
        results = results.concat((await run(correction, filters)).filter((result) => !seen.has(result.id)));
      }
    }
    if (call !== latest) return null;
    const shown = await Promise.all(results.slice(0, limit).map(async (result) => plain(await result.data())));
    if (call !== latest) return null;
    return { count: results.length, correction, results: shown };
  },
};
