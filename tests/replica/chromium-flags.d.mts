// Types for chromium-flags.mjs (plain ESM, shared with the bench scripts).
export function chromiumArgs(replica: { port: number; certSpki: string }, extensionDir: string | null): string[];
