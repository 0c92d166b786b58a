// Builds the served widget from its readable source, and checks that the committed build is fresh:
//   node scripts/build.mjs          writes dist/widget.min.js (esbuild --minify), dist/widget.min.js.br
//                                   (brotli, quality 11) and dist/widget.min.js.gz (gzip by zopfli, the
//                                   densest deflate encoder: standard gzip, about 4% smaller than gzip -9);
//   node scripts/build.mjs --check  exits 1 when dist/ is not what the source builds to (stale or edited),
//                                   or when the compressed files do not decompress to the minified one.
// The server compiles dist/ into the binary and serves it precompressed (br, else gzip, else plain), so
// `cargo build` needs no Node.js; the test script runs --check, so a source change without a rebuild fails.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { gzipAsync } from '@gfx/zopfli';

const WIDGET = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(WIDGET, 'src', 'widget.js');
const DIST = path.join(WIDGET, 'dist');
const OUT = path.join(DIST, 'widget.min.js');
export const BUDGET = 12 * 1024;

/** The minified widget, as bytes. */
export function minify() {
  const { code } = transformSync(fs.readFileSync(SOURCE, 'utf8'), {
    loader: 'js', minify: true, target: 'es2020', legalComments: 'inline', charset: 'utf8',
  });
  return Buffer.from(code);
}

const brotli = (buf) => zlib.brotliCompressSync(buf, {
  params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
});
const gzip = async (buf) => Buffer.from(await gzipAsync(buf, { numiterations: 15 }));

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const fresh = minify();
  if (process.argv.includes('--check')) {
    const problems = [];
    const read = (f) => (fs.existsSync(f) ? fs.readFileSync(f) : Buffer.alloc(0));
    if (!read(OUT).equals(fresh)) problems.push('dist/widget.min.js is not the build of src/widget.js');
    try { if (!zlib.brotliDecompressSync(read(OUT + '.br')).equals(fresh)) problems.push('dist/widget.min.js.br is stale'); } catch { problems.push('dist/widget.min.js.br is not brotli'); }
    try { if (!zlib.gunzipSync(read(OUT + '.gz')).equals(fresh)) problems.push('dist/widget.min.js.gz is stale'); } catch { problems.push('dist/widget.min.js.gz is not gzip'); }
    if (problems.length) {
      console.error(`web-widget: ${problems.join('; ')}. Run: node web-widget/scripts/build.mjs`);
      process.exit(1);
    }
    console.log('web-widget: dist/ is fresh');
  } else {
    fs.mkdirSync(DIST, { recursive: true });
    const br = brotli(fresh);
    const gz = await gzip(fresh);
    fs.writeFileSync(OUT, fresh);
    fs.writeFileSync(OUT + '.br', br);
    fs.writeFileSync(OUT + '.gz', gz);
    const source = fs.statSync(SOURCE).size;
    console.log(`widget.js: source ${source} B → minified ${fresh.length} B, brotli ${br.length} B, gzip ${gz.length} B (budget ${BUDGET} B gzipped)`);
    if (gz.length > BUDGET) { console.error('web-widget: over the gzip budget'); process.exit(1); }
  }
}
