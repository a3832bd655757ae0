import { accessSync, constants, existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname } from 'node:path';

/** The real path of an executable file, or null. */
export function executable(path: string): string | null {
  try {
    const real = realpathSync(path);
    accessSync(real, constants.X_OK);
    return real;
  } catch {
    return null;
  }
}

export function firstExecutable(candidates: string[]): string | null {
  for (const candidate of candidates) {
    const found = executable(candidate);
    if (found) return found;
  }
  return null;
}

/** The real path of an existing file, or null. */
export function realFile(path: string): string | null {
  try {
    return existsSync(path) ? realpathSync(path) : null;
  } catch {
    return null;
  }
}

/** Directories that are never mounted whole into a sandbox, even if a toolchain lives there. */
const TOO_BROAD = new Set(['/', '/root', '/home', '/etc', '/var', '/opt', '/srv', '/tmp', '/mnt', '/media', homedir()]);

/**
 * What must be mounted for a binary outside /usr: its install prefix (the parent of its `bin`
 * directory), or the binary alone when that prefix is a broad directory such as a home.
 */
export function bindsFor(realBinary: string): string[] {
  if (realBinary.startsWith('/usr/')) return [];
  const dir = dirname(realBinary);
  const prefix = basename(dir) === 'bin' ? dirname(dir) : dir;
  return [TOO_BROAD.has(prefix) ? realBinary : prefix];
}
