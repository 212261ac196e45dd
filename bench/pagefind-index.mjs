// Pagefind's index of a built site, for the search benchmark's comparison only (our build
// writes its own index, under search-index/): from the same documents, the per-page JSON of
// our index (search-index/pages/<id>.json.gz), each made into the HTML our build used to give
// Pagefind (title, date, datetime and section as metadata, the date as sort key, the section
// and each tag as filters; the title as <h1>, each section's heading as <h2 id> and its text
// as <p>), indexed with Pagefind's own npm package (its Node API) and written with its UI to
// DIST/pagefind/. Prints how long it took and how many pages.
//
//   node pagefind-index.mjs DIST [LANGUAGE]   # LANGUAGE: the site's, default en
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';

const [dist, language = 'en'] = process.argv.slice(2);
if (!dist) {
  console.error('usage: node pagefind-index.mjs DIST [LANGUAGE]');
  process.exit(2);
}
const pagesDir = join(dist, 'search-index', 'pages');
const outputPath = join(dist, 'pagefind');

const escape = (value) => String(value).replaceAll('&', '&amp;').replaceAll('<', '&lt;')
  .replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

/** The HTML Pagefind reads for one page of our index. */
function document(page) {
  let head = '';
  const tag = (kind, name, value) => {
    head += `<meta data-pagefind-${kind}="${name}[content]" content="${escape(value)}">`;
  };
  tag('meta', 'title', page.title);
  if (page.date) tag('meta', 'date', page.date);
  if (page.datetime) {
    tag('meta', 'datetime', page.datetime);
    tag('sort', 'date', page.datetime);
  }
  if (page.section) {
    tag('meta', 'section', page.section);
    tag('filter', 'section', page.section);
  }
  for (const term of page.tags ?? []) tag('filter', 'tag', term);
  let body = `<h1>${escape(page.title)}</h1>`;
  for (const section of page.sections ?? []) {
    if (section.title !== undefined) {
      const id = section.id ? ` id="${escape(section.id)}"` : '';
      body += `<h2${id}>${escape(section.title)}</h2>`;
    }
    if (section.text) body += `<p>${escape(section.text)}</p>`;
  }
  return `<!DOCTYPE html><html lang="${escape(language)}"><head>${head}</head>`
    + `<body><main data-pagefind-body>${body}</main></body></html>`;
}

const failed = (what, errors) => {
  if (errors?.length) throw new Error(`pagefind, ${what}: ${errors.join('; ')}`);
};

// Pages in the order of their ids (0, 1, 2, ...), as our index numbers them.
const files = readdirSync(pagesDir).filter((name) => /^\d+\.json\.gz$/.test(name))
  .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
const started = performance.now();
const { errors, index } = await pagefind.createIndex({ forceLanguage: language.toLowerCase() });
failed('createIndex', errors);
for (const name of files) {
  const page = JSON.parse(gunzipSync(readFileSync(join(pagesDir, name))).toString('utf8'));
  const added = await index.addHTMLFile({ url: page.url, content: document(page) });
  failed(`${name} (${page.url})`, added.errors);
}
rmSync(outputPath, { recursive: true, force: true });
const written = await index.writeFiles({ outputPath });
failed('writeFiles', written.errors);
await pagefind.close();
const seconds = (performance.now() - started) / 1000;
const { version } = JSON.parse(
  readFileSync(new URL('node_modules/pagefind/package.json', import.meta.url), 'utf8'));
console.log(`Pagefind ${version}: ${files.length} pages indexed in ${seconds.toFixed(2)} s`);
