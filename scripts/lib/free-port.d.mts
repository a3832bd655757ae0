/** Resolves with a TCP port on `host` (default 127.0.0.1) that was free a moment ago. */
export function freePort(host?: string): Promise<number>;
