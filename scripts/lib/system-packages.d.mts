export const DEFAULT_CHROMIUM_PATH: string;
/** The Chromium that browser tests, end-to-end tests and benchmarks launch: CHROMIUM_PATH or the Debian package's. */
export function chromiumPath(): string;
export interface SystemPackage {
  name: string;
  purpose: string;
  present(): boolean;
}
export const SYSTEM_PACKAGES: Record<string, SystemPackage>;
export const TEST_PACKAGES: string[];
export const SERVER_TEST_PACKAGES: string[];
export function onPath(command: string): boolean;
export function missingPackages(names: string[]): string[];
export function installCommand(names: string[]): string;
export function canInstall(): boolean;
export function installPackages(names: string[], options?: { log?: (line: string) => void }): boolean;
export function ensureSystemPackages(names?: string[], options?: { log?: (line: string) => void; error?: (line: string) => void }): boolean;
