/** Any part of a strings table: any key may be left out, also inside nested groups (`connection.offline`). */
export type PartialStrings<T> = {
  [K in keyof T]?: T[K] extends (...args: never[]) => unknown ? T[K] : T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? PartialStrings<T[K]> : T[K];
};

const isGroup = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;

/**
 * `base` with every string `overrides` give in their place, later ones winning; nested groups
 * (a record of strings by key) merge key by key, lists and functions are replaced whole.
 */
export function mergeStrings<T extends object>(base: T, ...overrides: (PartialStrings<T> | undefined)[]): T {
  let merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const override of overrides) {
    if (!override) continue;
    for (const [key, value] of Object.entries(override)) {
      if (value === undefined) continue;
      const current = merged[key];
      merged = { ...merged, [key]: isGroup(current) && isGroup(value) ? mergeStrings(current, value) : value };
    }
  }
  return merged as T;
}
