/**
 * How much of storage.local the extension uses, for Settings. Chrome answers
 * `getBytesInUse`; Firefox lacks it for storage.local in some versions (and the test fakes
 * too): then it is estimated as Chrome counts, key plus JSON of the value, in UTF-8 bytes.
 */
import { formatNumber, t, uiLanguage } from './i18n';
import { readInPieces, type PieceArea } from './storage-pieces';

export interface StorageUse {
  bytes: number;
  estimated: boolean;
}

interface LocalArea extends PieceArea {
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
  // In pieces (storage-pieces.ts): tens of MB at 50,000 tasks would hold up every other read.
  for (const [key, value] of Object.entries(await readInPieces(area, () => true))) bytes += encoder.encode(key + (JSON.stringify(value) ?? '')).length;
  return { bytes, estimated: true };
}

const decimals = new Map<string, Intl.NumberFormat>();
function fixed(n: number, digits: number): string {
  const id = `${uiLanguage()}\n${digits}`;
  let f = decimals.get(id);
  if (!f) decimals.set(id, (f = new Intl.NumberFormat(uiLanguage(), { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })));
  return f.format(n);
}

/** 1,234,567 → "1.2 MB" (decimal units, as the browsers' own settings pages), in the interface language. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return t('settings.bytes', bytes, { count: formatNumber(bytes) });
  if (bytes < 1_000_000) return t('settings.kb', { n: fixed(bytes / 1000, 1) });
  if (bytes < 1_000_000_000) return t('settings.mb', { n: fixed(bytes / 1_000_000, 1) });
  return t('settings.gb', { n: fixed(bytes / 1_000_000_000, 2) });
}
