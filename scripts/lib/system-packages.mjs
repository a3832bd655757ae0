// The Debian packages the tests and the sandbox need, found on this machine or installed with
// apt-get. Test tools never download a browser of their own: they launch CHROMIUM_PATH
// (default /usr/lib/chromium/chromium), which the `chromium` package provides.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export const DEFAULT_CHROMIUM_PATH = '/usr/lib/chromium/chromium';

/** The Chromium that browser tests, end-to-end tests and benchmarks launch. */
export const chromiumPath = () => process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM_PATH;

/**
 * @typedef {object} SystemPackage
 * @property {string} name the Debian package
 * @property {string} purpose what needs it
 * @property {() => boolean} present
 */

const isExecutable = (/** @type {string} */ path) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Whether `command` is an executable file in one of PATH's folders, or in /usr/sbin or /sbin
 * (where Debian puts `ip`; an unprivileged user's PATH often lacks them).
 */
export const onPath = (/** @type {string} */ command) =>
  [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'].some((dir) => dir !== '' && isExecutable(join(dir, command)));

/** @type {Record<string, SystemPackage>} */
export const SYSTEM_PACKAGES = {
  chromium: { name: 'chromium', purpose: 'browser, end-to-end and portal tests', present: () => isExecutable(chromiumPath()) },
  bubblewrap: { name: 'bubblewrap', purpose: 'the code sandbox (bwrap)', present: () => onPath('bwrap') },
  iproute2: { name: 'iproute2', purpose: 'the loopback-only network namespace of the WebRTC tests (ip)', present: () => onPath('ip') },
  'util-linux': { name: 'util-linux', purpose: 'the network namespace of the WebRTC tests (unshare)', present: () => onPath('unshare') },
  'redis-server': { name: 'redis-server', purpose: 'the multi-instance tests (Redis between two servers)', present: () => onPath('redis-server') },
  'poppler-utils': {
    name: 'poppler-utils',
    purpose: 'reading back the PDF reports in the server tests (pdftotext, pdfinfo)',
    present: () => onPath('pdftotext') && onPath('pdfinfo'),
  },
  prometheus: { name: 'prometheus', purpose: 'promtool, which checks the Prometheus alert rules (deploy/prometheus)', present: () => onPath('promtool') },
  // Where the sandbox looks for them (languages.ts), never on PATH.
  'default-jdk-headless': {
    name: 'default-jdk-headless',
    purpose: "Java in the sandbox (the starter bank's Java solutions run in the server tests)",
    present: () => isExecutable('/usr/bin/javac') && isExecutable('/usr/bin/java'),
  },
};

/** Everything `npm test` needs. */
export const TEST_PACKAGES = ['chromium', 'bubblewrap', 'iproute2', 'util-linux', 'poppler-utils', 'default-jdk-headless'];

/** What the server tests alone need: the sandbox with Java, and Chromium printing PDF reports that poppler reads back. */
export const SERVER_TEST_PACKAGES = ['bubblewrap', 'chromium', 'poppler-utils', 'default-jdk-headless'];

/** The names among `names` that this machine lacks. */
export function missingPackages(/** @type {string[]} */ names) {
  return names.filter((name) => !SYSTEM_PACKAGES[name]?.present());
}

/** The exact command that installs `names` for whoever runs it. */
export function installCommand(/** @type {string[]} */ names) {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  return `${sudo}apt-get update && ${sudo}apt-get install -y ${names.join(' ')}`;
}

/** apt-get can install here: running as root with apt-get on PATH. */
export const canInstall = () => process.getuid?.() === 0 && onPath('apt-get');

/**
 * Installs `names` with apt-get (as root only), saying what it does; resolves whether all are
 * present afterwards.
 * @param {string[]} names
 * @param {{ log?: (line: string) => void }} [options]
 */
export function installPackages(names, { log = console.log } = {}) {
  log(`Installing ${names.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (/** @type {string[]} */ args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
  apt(['update']) && apt(['install', '-y', ...names]);
  return missingPackages(names).length === 0;
}

/**
 * Makes sure every package in `names` is present: installs the missing ones when root, else
 * prints the exact command to run. Returns whether all are present.
 * @param {string[]} [names]
 * @param {{ log?: (line: string) => void, error?: (line: string) => void }} [options]
 */
export function ensureSystemPackages(names = TEST_PACKAGES, { log = console.log, error = console.error } = {}) {
  const missing = missingPackages(names);
  if (missing.length === 0) return true;
  if (canInstall() && installPackages(missing, { log })) return true;
  const stillMissing = missingPackages(missing);
  const lines = stillMissing.map((name) => `  ${name}: ${SYSTEM_PACKAGES[name]?.purpose}`);
  const elsewhere = stillMissing.includes('chromium') && process.env.CHROMIUM_PATH;
  error(
    [
      'Missing system packages:',
      ...lines,
      ...(elsewhere ? [`(CHROMIUM_PATH is ${elsewhere}: install Chromium there, or unset it to use ${DEFAULT_CHROMIUM_PATH}.)`] : []),
      'Install them with:',
      `  ${installCommand(stillMissing)}`,
    ].join('\n'),
  );
  return false;
}
