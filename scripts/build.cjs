// `npm run build` (and so every `npm start`): compiles to dist/ only when the sources changed since the last build.
// A fingerprint of every input (path, size, modification time of src/, migrations/, seeds/, ormconfig.ts, the
// tsconfigs, package-lock.json) is kept in dist/.build-fingerprint; the same fingerprint means dist/ is what a build
// would make, and the compile (about 9 s) is skipped. Any difference rebuilds from nothing (rm -rf dist first), so a
// deleted source, a deleted migration above all, never leaves its compiled file behind. `--force` always rebuilds.
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const dist = path.join(root, 'dist');
const stamp = path.join(dist, '.build-fingerprint');
const INPUTS = ['src', 'migrations', 'seeds', 'ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build.cjs'];

function* files(entry) {
  const full = path.join(root, entry);
  const stat = fs.statSync(full, { throwIfNoEntry: false });
  if (!stat) return;
  if (!stat.isDirectory()) return yield [entry, stat];
  for (const name of fs.readdirSync(full).sort()) yield* files(path.join(entry, name));
}

function fingerprint() {
  const hash = createHash('sha1');
  for (const input of INPUTS) for (const [file, stat] of files(input)) hash.update(`${file}\0${stat.size}\0${stat.mtimeMs}\n`);
  return hash.digest('hex');
}

const wanted = fingerprint();
if (!process.argv.includes('--force') && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) {
  console.log('dist/ is up to date with the sources: not compiled again');
  process.exit(0);
}
fs.rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
// The dashboard's own files (HTML, CSS, JS) are served from dist/ beside its compiled router.
fs.cpSync(path.join(root, 'src/server/dashboard'), path.join(dist, 'src/server/dashboard'), { recursive: true, filter: (f) => !f.endsWith('.ts') });
fs.writeFileSync(stamp, wanted);
