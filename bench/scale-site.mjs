// The generated site of the scale benchmark (scripts/bench-scale.sh): N posts of about 600
// words in 20 sections (four of them series inside a section), 200 tags and 8 categories,
// dates spread over twelve years, each post with headings, a list, a code block and relrefs
// to earlier posts. Deterministic: post i is the same text in every site that has it (only
// its date scales with N), so the 10-post site is the first ten posts of the 10,000-post one.
// Node built-ins only.
//
//   node scale-site.mjs N OUT_DIR
//
// Writes OUT_DIR/hugo.toml, OUT_DIR/content/** and OUT_DIR/bench.json (the URLs the visit
// benchmark loads: an article in a series, its parent section, the home page).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [countArg, outArg] = process.argv.slice(2);
const count = Number(countArg);
if (!Number.isInteger(count) || count < 2 || !outArg) {
  console.error('usage: node scale-site.mjs N OUT_DIR');
  process.exit(2);
}

/** Sections by path; a path with a slash is a series inside the section before it. */
const SECTIONS = [
  'rust', 'rust/async-series', 'web', 'web/wasm-series', 'databases', 'databases/index-series',
  'ops', 'ops/kubernetes-series', 'notes', 'essays', 'tools', 'security', 'testing', 'design',
  'hardware', 'linux', 'networking', 'performance', 'career', 'reviews',
];
/** The series the measured article belongs to, and the section that holds it. */
const ARTICLE_SECTION = 1;
const TAGS = 200;
const CATEGORIES = ['tutorial', 'opinion', 'reference', 'news', 'howto', 'deep-dive', 'retro', 'notes'];
const FIRST_DATE = Date.UTC(2014, 0, 6, 9, 30);
const DATE_SPAN_MS = 12 * 365.25 * 24 * 3600 * 1000;

const WORDS = (
  'the a of to in and is it that for on with as by this be are from at or an which not we can ' +
  'build cache index page site reader server client request response memory thread async await ' +
  'future borrow lifetime trait module crate compile runtime browser render layout paint style ' +
  'query table column row shard replica cluster node pod deploy rollout metric latency budget ' +
  'test fixture property bound linear parser token stream buffer slice vector string error ' +
  'result option value type field struct enum match pattern closure iterator channel lock ' +
  'network packet socket route header body status cookie origin policy script module bundle ' +
  'small large fast slow careful simple clear honest steady quiet long short early late new old ' +
  'first last every each some many few most least more less often rarely always never again'
).split(' ');

/** mulberry32: a small seeded generator, the same numbers on every machine. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const name = (index) => `post-${String(index).padStart(5, '0')}`;
const pad2 = (value) => String(value).padStart(2, '0');

function isoDate(ms) {
  const date = new Date(ms);
  return `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())}` +
    `T${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:00Z`;
}

/** One post: its section, front matter and body, drawn from its own seed. */
function post(index) {
  const random = generator(0x5ca1e + index * 7919);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = (n) => {
    const text = words(n);
    return `${text[0].toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (sentences) => Array.from({ length: sentences }, () => sentence(8 + Math.floor(random() * 10))).join(' ');
  // Relrefs to earlier posts only, so every site that has this post has its targets.
  const link = () => (index === 0 ? 'the first post' : `[${words(3)}]({{< relref "${name(Math.floor(random() * index))}" >}})`);

  // Tags skewed towards the first ones, as real tag clouds are; three distinct per post.
  const tags = new Set();
  while (tags.size < 3) tags.add(`tag-${String(Math.floor(TAGS * random() ** 2)).padStart(3, '0')}`);
  const title = `${sentence(4).slice(0, -1)} ${index}`;
  const front = [
    '---',
    `title: "${title}"`,
    `date: ${isoDate(FIRST_DATE + (DATE_SPAN_MS * index) / count)}`,
    `tags: [${[...tags].map((tag) => `"${tag}"`).join(', ')}]`,
    `categories: ["${pick(CATEGORIES)}"]`,
    `description: "${sentence(12)}"`,
    '---',
  ];
  const body = [
    paragraph(6),
    '',
    paragraph(4),
    '',
    `## ${sentence(3).slice(0, -1)}`,
    '',
    `${paragraph(6)} See ${link()} for the background.`,
    '',
    paragraph(5),
    '',
    ...Array.from({ length: 5 }, () => `- ${sentence(6)}`),
    '',
    `### ${sentence(2).slice(0, -1)}`,
    '',
    '```rust',
    `fn step_${index}(items: &[u64]) -> u64 {`,
    '    let mut total = 0;',
    '    for item in items {',
    `        total += item * ${1 + Math.floor(random() * 97)};`,
    '    }',
    '    total',
    '}',
    '```',
    '',
    `## ${sentence(3).slice(0, -1)}`,
    '',
    `${paragraph(6)} As ${link()} showed, ${words(8)}.`,
    '',
    paragraph(6),
    '',
    paragraph(6),
    '',
  ];
  return { section: SECTIONS[index % SECTIONS.length], text: `${front.join('\n')}\n\n${body.join('\n')}` };
}

const out = outArg;
rmSync(join(out, 'content'), { recursive: true, force: true });
for (const [position, section] of SECTIONS.entries()) {
  mkdirSync(join(out, 'content', section), { recursive: true });
  const title = section.split('/').pop().replace(/-/g, ' ');
  writeFileSync(join(out, 'content', section, '_index.md'),
    `---\ntitle: "${title[0].toUpperCase()}${title.slice(1)}"\nweight: ${position + 1}\n---\n\nPosts about ${title}.\n`);
}
writeFileSync(join(out, 'content', '_index.md'), '---\ntitle: "Scale bench"\n---\n\nA generated site.\n');
for (let index = 0; index < count; index += 1) {
  const { section, text } = post(index);
  writeFileSync(join(out, 'content', section, `${name(index)}.md`), text);
}
writeFileSync(join(out, 'hugo.toml'), [
  'baseURL = "https://example.org/"',
  `title = "Scale bench, ${count} posts"`,
  'languageCode = "en"',
  'paginate = 10',
  '',
  '[taxonomies]',
  'tag = "tags"',
  'category = "categories"',
  '',
].join('\n'));

// The measured article: the middle post of the series (post 1 in a site of fewer than 21).
const perSection = Math.ceil((count - ARTICLE_SECTION) / SECTIONS.length);
const articleIndex = ARTICLE_SECTION + SECTIONS.length * Math.floor((perSection - 1) / 2);
const series = SECTIONS[ARTICLE_SECTION];
writeFileSync(join(out, 'bench.json'), `${JSON.stringify({
  posts: count,
  article: `/${series}/${name(articleIndex)}/`,
  section: `/${series.split('/')[0]}/`,
  home: '/',
}, null, 2)}\n`);
console.log(`${count} posts in ${SECTIONS.length} sections written to ${out}`);
