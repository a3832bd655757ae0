// Makes sure the Chromium that browser tests drive is installed. Test tools must never download
// their own browser; they use this one (override the path with CHROMIUM_PATH).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const DEFAULT_PATH = '/usr/lib/chromium/chromium';
export const chromiumPath = process.env.CHROMIUM_PATH || DEFAULT_PATH;
const INSTALL_COMMAND = 'apt-get update && apt-get install -y chromium';

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Returns true when Chromium is (now) present; installs it only as root on Debian with the default path. */
export function ensureChromium() {
  if (isExecutable(chromiumPath)) return true;
  const canInstall =
    !process.env.CHROMIUM_PATH && process.getuid?.() === 0 && existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    const hint = process.env.CHROMIUM_PATH
      ? `Install Chromium there, or unset CHROMIUM_PATH to use ${DEFAULT_PATH}.`
      : `Install it with:\n  sudo sh -c '${INSTALL_COMMAND}'\nor point CHROMIUM_PATH at an existing Chromium or Chrome binary.`;
    console.error(`Chromium was not found at ${chromiumPath}. ${hint}`);
    return false;
  }
  console.log(`Chromium was not found at ${chromiumPath}; installing it: ${INSTALL_COMMAND}`);
  const result = spawnSync('sh', ['-c', INSTALL_COMMAND], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0 || !isExecutable(chromiumPath)) {
    console.error(`Installing Chromium failed. Run it yourself:\n  ${INSTALL_COMMAND}`);
    return false;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(ensureChromium() ? 0 : 1);
}
