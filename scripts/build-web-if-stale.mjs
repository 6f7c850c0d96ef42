#!/usr/bin/env node
/**
 * Builds the web UI only when it is missing or older than its sources (src/web, src/shared), so
 * `npm start` and the browser tests always serve a current SPA without rebuilding every time.
 * Prints one line; exits non-zero when the build fails.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'dist', 'web', 'index.html');
const sources = [path.join(root, 'src', 'web'), path.join(root, 'src', 'shared'), path.join(root, 'package-lock.json')];

/** Newest modification time under a file or folder (0 when absent). */
function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) {
    if (child === 'node_modules' || child.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

const builtAt = fs.existsSync(target) ? fs.statSync(target).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime));

if (builtAt > 0 && builtAt >= changedAt) {
  console.log('web UI is up to date (dist/web)');
  process.exit(0);
}

const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const started = Date.now();
const result = spawnSync(process.execPath, [vite, 'build', '--config', path.join(root, 'src', 'web', 'vite.config.ts'), '--logLevel', 'error'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (result.status !== 0) {
  console.log(`web UI build failed (exit ${result.status ?? result.signal}); run \`npm run build:web\` to see why`);
  process.exit(1);
}
// Date the build by when it started: a source saved while it ran is then newer, and the next run rebuilds.
const startedAt = new Date(started);
fs.utimesSync(target, startedAt, startedAt);
console.log(`web UI ${builtAt ? 'rebuilt (sources changed)' : 'built'} in ${((Date.now() - started) / 1000).toFixed(1)} s (dist/web)`);
