// Writes a generated blog for the search benchmark: POSTS posts in 10 sections, each with a
// title, a date, two or three of 40 tags, four headings and about 500 words drawn (Zipf-like,
// as prose is) from the English words of this repository's Markdown files, as listed in
// search-words.tsv (a fixed list: every run draws the same site); and the queries to time:
// the title words of 60 posts, each also with a one-letter typo (deletion, insertion,
// substitution or two letters swapped). Deterministic. Node built-ins only.
//
//   node search-site.mjs DIR POSTS   # writes DIR/hugo.toml, DIR/content/, DIR/queries.tsv
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, postsArg] = process.argv.slice(2);
const POSTS = Number(postsArg ?? 1000);
const QUERIES = 60;

// A small deterministic generator (mulberry32).
let seed = 13;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

// The vocabulary, most common first (a list kept in the repository: see its header).
const words = readFileSync(new URL('search-words.tsv', import.meta.url), 'utf8').split('\n')
  .filter((line) => line && !line.startsWith('#')).map((line) => line.split('\t')[0]);
// Zipf: the word of rank r comes with weight 1/r.
const cumulative = [];
let total = 0;
for (let rank = 1; rank <= words.length; rank++) cumulative.push(total += 1 / rank);
function word() {
  const target = random() * total;
  let low = 0, high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (cumulative[middle] < target) low = middle + 1; else high = middle;
  }
  return words[low];
}
// Titles from the rarer half, as titles name what a post is about.
const rare = words.slice(Math.floor(words.length / 4));
const capital = (text) => text[0].toUpperCase() + text.slice(1);
const sentence = (length) => capital(Array.from({ length }, word).join(' ')) + '.';

function typo(text) {
  const letters = [...text];
  const at = 1 + Math.floor(random() * (letters.length - 1));
  const letter = pick('abcdefghijklmnopqrstuvwxyz'.split(''));
  switch (Math.floor(random() * 4)) {
    case 0: letters.splice(at, 1); break;
    case 1: letters.splice(at, 0, letter); break;
    case 2: letters[at] = letters[at] === letter ? pick(['e', 'a']) : letter; break;
    default: if (at < letters.length - 1) [letters[at], letters[at + 1]] = [letters[at + 1], letters[at]];
      else letters.splice(at, 1);
  }
  return letters.join('');
}

const sections = Array.from({ length: 10 }, (_, index) => `section-${index + 1}`);
const tags = Array.from({ length: 40 }, () => capital(pick(rare)));
mkdirSync(join(dir, 'content'), { recursive: true });
writeFileSync(join(dir, 'hugo.toml'), `title = "Search Bench"\nbaseURL = "https://bench.example/"\n`);
for (const section of sections) {
  mkdirSync(join(dir, 'content', section), { recursive: true });
  writeFileSync(join(dir, 'content', section, '_index.md'),
    `---\ntitle: "${capital(section.replace('-', ' '))}"\n---\n${sentence(20)}\n`);
}
const queries = [];
const every = Math.max(1, Math.floor(POSTS / QUERIES));
for (let number = 1; number <= POSTS; number++) {
  const titleWords = Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(rare));
  const title = capital(titleWords.join(' '));
  const section = sections[number % sections.length];
  const date = new Date(Date.UTC(2015, 0, 1) + number * 6 * 3600 * 1000).toISOString();
  const postTags = [...new Set([pick(tags), pick(tags), pick(tags)])].slice(0, 2 + (number % 2));
  let body = '';
  for (let part = 1; part <= 4; part++) {
    body += `## ${capital(Array.from({ length: 3 }, word).join(' '))}\n\n`;
    for (let paragraph = 0; paragraph < 3; paragraph++) {
      body += Array.from({ length: 3 }, () => sentence(10 + Math.floor(random() * 8))).join(' ') + '\n\n';
    }
  }
  writeFileSync(join(dir, 'content', section, `post-${number}.md`),
    `---\ntitle: "${title}"\ndate: ${date}\ntags: [${postTags.map((tag) => `"${tag}"`).join(', ')}]\n---\n${body}`);
  if (number % every === 0 && queries.length < QUERIES) {
    const [first, second] = titleWords;
    const longer = first.length >= second.length ? first : second;
    const query = `${first} ${second}`;
    queries.push([`/${section}/post-${number}/`, query, query.replace(longer, typo(longer))]);
  }
}
writeFileSync(join(dir, 'queries.tsv'), queries.map((row) => row.join('\t')).join('\n') + '\n');
console.error(`${POSTS} posts and ${queries.length} queries in ${dir} (${words.length} words of vocabulary)`);
