// `npm test` on a machine without the system packages: simulated with a PATH that lacks the
// commands, a CHROMIUM_PATH that does not exist and a stand-in apt-get, never by removing packages.
// (`ip` is also looked for in /usr/sbin and /sbin, so on this machine iproute2 is never missing.)
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-packages.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs = [];
after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** An empty folder for PATH, readable by anyone (the unprivileged run enters it). */
function binDir() {
  const dir = mkdtempSync(join(tmpdir(), 'ik-fresh-machine-'));
  chmodSync(dir, 0o755);
  dirs.push(dir);
  return dir;
}

/** An apt-get that logs its arguments and, on install, puts stand-ins for the packages' commands in place. */
function standInAptGet(dir, chromium, { fail = false } = {}) {
  const script = [
    '#!/bin/sh',
    'PATH=/usr/bin:/bin',
    `echo "$*" >> '${dir}/apt-get.log'`,
    fail ? 'exit 100' : '',
    'if [ "$1" = install ]; then',
    `  for tool in bwrap ip unshare pdftotext pdfinfo; do printf '#!/bin/sh\\n' > '${dir}'/$tool; chmod +x '${dir}'/$tool; done`,
    `  printf '#!/bin/sh\\n' > '${chromium}'; chmod +x '${chromium}'`,
    'fi',
  ].join('\n');
  writeFileSync(join(dir, 'apt-get'), `${script}\n`, { mode: 0o755 });
}

const asRoot = process.getuid?.() === 0;

describe('npm test on a fresh machine', () => {
  it('stops before any step, printing the exact sudo apt-get command, when not root', { skip: !asRoot && 'needs root to run as another user' }, () => {
    const bin = binDir();
    const run = spawnSync('/usr/bin/setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, 'scripts/test.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: bin, HOME: bin, CHROMIUM_PATH: join(bin, 'no-chromium') },
      timeout: 30_000,
    });
    assert.notEqual(run.status, 0);
    assert.match(run.stderr, /^ {2}sudo apt-get update && sudo apt-get install -y chromium bubblewrap util-linux poppler-utils$/m);
    assert.match(run.stderr, /chromium: browser, end-to-end and portal tests/);
    assert.doesNotMatch(run.stdout, /━━━/, 'no step started');
  });

  it('stops before any step when apt-get fails as root, naming only what is still missing', { skip: !asRoot && 'needs root' }, () => {
    const bin = binDir();
    standInAptGet(bin, join(bin, 'chromium'), { fail: true });
    const run = spawnSync(process.execPath, ['scripts/test.mjs'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: bin, HOME: bin, CHROMIUM_PATH: join(bin, 'chromium') },
      timeout: 30_000,
    });
    assert.notEqual(run.status, 0);
    assert.equal(readFileSync(join(bin, 'apt-get.log'), 'utf8'), 'update\n');
    assert.match(run.stderr, /^ {2}apt-get update && apt-get install -y chromium bubblewrap util-linux poppler-utils$/m);
    assert.doesNotMatch(run.stdout, /━━━/, 'no step started');
  });

  it('installs every missing package with apt-get as root, then goes on', { skip: !asRoot && 'needs root' }, () => {
    const bin = binDir();
    const chromium = join(bin, 'chromium');
    standInAptGet(bin, chromium);
    const saved = { PATH: process.env.PATH, CHROMIUM_PATH: process.env.CHROMIUM_PATH };
    const lines = [];
    try {
      process.env.PATH = bin;
      process.env.CHROMIUM_PATH = chromium;
      const ok = ensureSystemPackages(undefined, { log: (line) => lines.push(line), error: (line) => lines.push(line) });
      assert.equal(ok, true, lines.join('\n'));
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    assert.deepEqual(readFileSync(join(bin, 'apt-get.log'), 'utf8').split('\n'), ['update', 'install -y chromium bubblewrap util-linux poppler-utils', '']);
    assert.deepEqual(lines, ['Installing chromium, bubblewrap, util-linux, poppler-utils with apt-get…']);
    assert.ok(existsSync(chromium));
  });

  it('does nothing when every package is present', () => {
    const lines = [];
    assert.equal(ensureSystemPackages(undefined, { log: (line) => lines.push(line), error: (line) => lines.push(line) }), true);
    assert.deepEqual(lines, []);
  });
});
