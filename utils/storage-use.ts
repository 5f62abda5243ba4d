/**
 * How much of storage.local the extension uses, for Settings. Chrome answers
 * `getBytesInUse`; Firefox lacks it for storage.local in some versions (and the test fakes
 * too): then it is estimated as Chrome counts, key plus JSON of the value, in UTF-8 bytes.
 */
export interface StorageUse {
  bytes: number;
  estimated: boolean;
}

interface LocalArea {
  get(keys: null): Promise<Record<string, unknown>>;
  getBytesInUse?: (keys: null) => Promise<number>;
}

export async function storageUse(area: LocalArea): Promise<StorageUse> {
  if (typeof area.getBytesInUse === 'function') {
    try {
      const bytes = await area.getBytesInUse(null);
      if (typeof bytes === 'number' && Number.isFinite(bytes)) return { bytes, estimated: false };
    } catch {
      // Not implemented here: estimate below.
    }
  }
  const encoder = new TextEncoder();
  let bytes = 0;
  for (const [key, value] of Object.entries(await area.get(null))) bytes += encoder.encode(key + (JSON.stringify(value) ?? '')).length;
  return { bytes, estimated: true };
}

/** 1,234,567 → "1.2 MB" (decimal units, as the browsers' own settings pages). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} KB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}
