// The tables of the scale benchmark (scripts/bench-scale.sh): one Markdown table of builds and
// one of visits per size, with the goals of issue 12 beside the figures. Reads what the
// script recorded (RESULTS/<posts>.env, RESULTS/meta.env, RESULTS/visits.json).
//
//   node scale-report.mjs RESULTS BASE SIZE...
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [resultsDir, baseArg, ...sizeArgs] = process.argv.slice(2);
const base = Number(baseArg);

/** `key=value` lines; a key recorded twice keeps its last value. */
function readEnv(name) {
  const path = join(resultsDir, `${name}.env`);
  if (!existsSync(path)) return {};
  return Object.fromEntries(readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => {
    const at = line.indexOf('=');
    return [line.slice(0, at), line.slice(at + 1)];
  }));
}

const meta = readEnv('meta');
const visitsPath = join(resultsDir, 'visits.json');
const visits = existsSync(visitsPath) ? JSON.parse(readFileSync(visitsPath, 'utf8')) : { results: [] };

// Documented limits of two static hosts: GitHub Pages (published site at most 1 GB) and
// Cloudflare Pages (20,000 files on the free plan, 25 MiB a file, 100 `_headers` rules).
const GITHUB_PAGES_BYTES = 1e9;
const CLOUDFLARE_FILES = 20_000;
const CLOUDFLARE_FILE_BYTES = 25 * 1024 * 1024;
const CLOUDFLARE_HEADER_RULES = 100;

const count = (value) => Number(value).toLocaleString('en-US');
const bytes = (value) => {
  const number = Number(value);
  if (number >= 1024 * 1024 * 1024) return `${(number / 1024 ** 3).toFixed(2)} GB`;
  if (number >= 1024 * 1024) return `${(number / 1024 ** 2).toFixed(1)} MB`;
  return `${(number / 1024).toFixed(1)} KB`;
};
const seconds = (value, digits = 1) => (value === undefined ? '' : `${Number(value).toFixed(digits)} s`);
/** The median of `values` (numbers). */
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const megabytes = (kb) => (kb === undefined ? '' : `${Math.round(Number(kb) / 1024)} MB`);
const ratio = (value, of) => Number(value) / Number(of);
const verdict = (met) => (met ? '✓' : '✗');
const largest = (value) => {
  if (!value) return '';
  const at = value.indexOf(' ');
  return `${bytes(value.slice(0, at))} (\`${value.slice(at + 1)}\`)`;
};
const ms = (value) => (value === null || value === undefined ? '-' : `${Math.round(value).toLocaleString('en-US')} ms`);

/** A figure of `blogtool build` alone for each binary measured: debug, then release if built. */
const toolFigures = (run, key, format) => ['debug', 'release']
  .filter((profile) => run[`tool_${profile}.${key}`] !== undefined)
  .map((profile) => format(run[`tool_${profile}.${key}`]))
  .join(' / ');

function buildTable(posts) {
  const run = readEnv(String(posts));
  if (!run['ours.files']) return `No build figures for ${posts} posts.\n`;
  const hugo = `Hugo ${meta.hugo ?? ''}`.trim();
  // The recorded figures whose key `pattern` matches, as numbers.
  const figures = (pattern) => Object.keys(run).filter((key) => pattern.test(key)).map((key) => Number(run[key]));
  const hugoLast = `hugo_${figures(/^hugo_\d+\.seconds$/).length}`;
  // Into an empty folder against Hugo's first run, or the medians of the alternating runs
  // (FIRST_RUNS) when there are some; again over the last build against Hugo's last run.
  const again = figures(/^again_\d+\.seconds$/);
  const againRuns = again.length;
  const firstOurs = againRuns ? median(again) : run['first.seconds'];
  const firstHugo = againRuns ? median(figures(/^hugo_again_\d+\.seconds$/)) : run['hugo_1.seconds'];
  const buildRatio = ratio(firstOurs, firstHugo);
  const rebuildRatio = ratio(run['second.seconds'], run[`${hugoLast}.seconds`]);
  const bytesRatio = ratio(run['ours.bytes'], run['hugo.bytes']);
  const fits = (prefix) => {
    const rules = Number(run[`${prefix}.headers_rules`] ?? 0);
    const biggest = Number((run[`${prefix}.largest`] ?? '0').split(' ')[0]);
    const github = Number(run[`${prefix}.bytes`]) <= GITHUB_PAGES_BYTES;
    const cloudflare = Number(run[`${prefix}.files`]) <= CLOUDFLARE_FILES && biggest <= CLOUDFLARE_FILE_BYTES && rules <= CLOUDFLARE_HEADER_RULES;
    return `GitHub ${github ? 'yes' : 'no'}, Cloudflare ${cloudflare ? 'yes' : 'no'}`;
  };
  const rows = [
    [`build into an empty \`dist/\` (ours: \`trunk build --release\`, every page rendered and written; Hugo: its first run)${againRuns ? `, medians of ${againRuns} alternating runs` : ''}`,
      seconds(firstOurs, againRuns ? 2 : 1), seconds(firstHugo, againRuns ? 2 : 1),
      `≤ Hugo's: ${buildRatio.toFixed(2)}x ${verdict(buildRatio <= 1)}`],
    ['build: of which wasm (cargo, wasm-bindgen)', seconds(run['wasm.seconds']), '', ''],
    ['build: of which the post_build hook (debug `blogtool`, compiled beside the wasm; `wasm-opt` when the app changed)', seconds(run['hook.seconds']), '', ''],
    [`build again, nothing changed (ours: every file kept; Hugo: its last run, \`--cleanDestinationDir\`)`,
      seconds(run['second.seconds']), seconds(run[`${hugoLast}.seconds`]),
      `≤ Hugo's: ${rebuildRatio.toFixed(2)}x ${verdict(rebuildRatio <= 1)}`],
    [`build after one post's Markdown is edited (the hook's part; files kept)`,
      `${seconds(run['edit.seconds'])} (${seconds(run['edit.hook_seconds'])}; ${run['edit.kept'] ?? ''})`, '', 'the post and the lists showing it'],
    ['build: `blogtool build` alone, debug / release', toolFigures(run, 'seconds', seconds), '', ''],
    ['peak memory (largest process): first run', megabytes(run['first.peak_kb']), megabytes(run[`${hugoLast}.peak_kb`]), 'stated'],
    ['peak memory: `blogtool build` alone, debug / release', toolFigures(run, 'peak_kb', megabytes), '', ''],
    ['bodies rendered (the hook says)', run.renders ?? '', '', 'one per page'],
    ['bodies rendered after the edit (the hook says)', run['edit.renders'] ?? '', '', 'the edited post\'s'],
    ['output files', count(run['ours.files']), count(run['hugo.files']), ''],
    ['output bytes', bytes(run['ours.bytes']), bytes(run['hugo.bytes']), `≤ 1.5x Hugo's: ${bytesRatio.toFixed(2)}x ${verdict(bytesRatio <= 1.5)}`],
    ['bytes per post', bytes(Number(run['ours.bytes']) / posts), bytes(Number(run['hugo.bytes']) / posts), ''],
    ['`_headers` rules', count(run['ours.headers_rules'] ?? 0), 'none', 'a handful'],
    ['the measured article\'s page (raw HTML)', bytes(run['ours.article_bytes']), bytes(run['hugo.article_bytes']), ''],
    ['largest file', largest(run['ours.largest']), largest(run['hugo.largest']), ''],
    ['site data (`site.json`); route data (`route.json`): median / largest', routeData(run), 'none', ''],
    ['fits GitHub Pages / Cloudflare Pages (free)', fits('ours'), fits('hugo'), 'both'],
  ];
  return [
    `| ${count(posts)} posts | ours | ${hugo} | goal |`,
    '|---|---|---|---|',
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    '',
  ].join('\n');
}

/** The site's data and the routes' data files as the build wrote them. */
function routeData(run) {
  if (!run['ours.site_data_bytes']) return '';
  const [median, largest] = (run['ours.route_data'] ?? '0 0').split(' ').map(Number);
  return `${bytes(run['ours.site_data_bytes'])}; ${bytes(median)} / ${bytes(largest)}`;
}

/** A visit figure at `posts` beside the same figure at the base size, and the goal's verdict
 * (at most 10% more: less is better for every figure). */
function againstBase(value, baseValue, format) {
  if (value === null || value === undefined) return '-';
  if (baseValue === null || baseValue === undefined || !baseValue) return format(value);
  const change = (value / baseValue - 1) * 100;
  const sign = change >= 0 ? '+' : '';
  return `${format(value)} (${sign}${change.toFixed(0)}% ${verdict(change <= 10)})`;
}

function visitTable(posts) {
  const find = (builder, size, page, profile) => visits.results.find((result) =>
    result.builder === builder && result.posts === size && result.page === page && result.profile === profile);
  const ours = visits.results.filter((result) => result.builder === 'ours' && result.posts === posts);
  if (ours.length === 0) return `No visit figures for ${posts} posts.\n`;
  const lines = [
    `| ${count(posts)} posts: page, profile | bytes before takeover | FCP | app live | JS heap | wasm memory | Hugo: bytes to load, FCP |`,
    '|---|---|---|---|---|---|---|',
  ];
  for (const result of ours) {
    const small = find('ours', base, result.page, result.profile) ?? {};
    const hugo = find('hugo', posts, result.page, result.profile);
    const profile = result.profile === 'none' ? 'no throttling' : 'slow 4G + 4x CPU';
    lines.push(`| ${result.page} (\`${result.path}\`), ${profile} | ${[
      againstBase(result.bytesBefore, small.bytesBefore, bytes),
      againstBase(result.fcp, small.fcp, ms),
      againstBase(result.live, small.live, ms),
      againstBase(result.jsHeap, small.jsHeap, bytes),
      againstBase(result.wasmMemory, small.wasmMemory, bytes),
      hugo ? `${bytes(hugo.bytesBefore)}, ${ms(hugo.fcp)}` : '-',
    ].join(' | ')} |`);
  }
  lines.push('');
  lines.push(`Beside each figure: its change from the ${count(base)}-post site (goal: within 10%). ` +
    `Medians of ${visits.runs} cold loads (${visits.chromium}); JS heap after a forced garbage collection.`);
  lines.push('');
  return lines.join('\n');
}

const out = [];
for (const posts of sizeArgs.map(Number)) {
  out.push(`### ${count(posts)} posts`, '', buildTable(posts), visitTable(posts));
}
const small = visits.results.filter((result) => result.builder === 'ours' && result.posts === base);
if (small.length) {
  out.push(`### ${count(base)} posts (the visit goal's reference)`, '',
    '| page, profile | bytes before takeover | FCP | app live | JS heap | wasm memory |', '|---|---|---|---|---|---|',
    ...small.map((result) => `| ${result.page}, ${result.profile === 'none' ? 'no throttling' : 'slow 4G + 4x CPU'} | ` +
      `${bytes(result.bytesBefore)} | ${ms(result.fcp)} | ${ms(result.live)} | ${bytes(result.jsHeap)} | ${result.wasmMemory === null ? '-' : bytes(result.wasmMemory)} |`),
    '');
}
const timing = [`setup (the ${count(base)}-post builds, of which its first \`trunk build\` ${seconds(readEnv(base)['first.seconds'])}; Trunk's page) ${seconds(meta.setup_seconds)}`];
for (const posts of sizeArgs) timing.push(`builds of ${count(posts)} posts ${seconds(readEnv(posts).builds_seconds)}`);
timing.push(`visits ${seconds(meta.visits_seconds)}`, `in all ${seconds(meta.total_seconds)}`);
out.push(`Run on ${meta.cores ?? '?'} cores; took: ${timing.join(', ')}.`);
console.log(out.join('\n'));
