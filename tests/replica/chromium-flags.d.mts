// Types for chromium-flags.mjs (plain ESM, shared with the bench scripts).
export function chromiumArgs(replicaPort: number, extensionDir: string | null): string[];
