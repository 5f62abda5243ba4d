import { describe, expect, it, vi } from 'vitest';
import { prepayFirstWrite } from '@/utils/background/first-write';

describe('prepayFirstWrite (Chromium reads the whole store on a browser session’s first write)', () => {
  it('asks the store for its whole usage once, so the first change of the session does not wait for that read', () => {
    const getBytesInUse = vi.fn(async (_keys: null) => 42);
    prepayFirstWrite({ getBytesInUse });
    expect(getBytesInUse).toHaveBeenCalledTimes(1);
    expect(getBytesInUse).toHaveBeenCalledWith(null);
  });

  it('does nothing where storage.local cannot tell its usage, and a refusal is not an unhandled error', async () => {
    expect(() => prepayFirstWrite({})).not.toThrow();
    const refused = vi.fn(() => Promise.reject(new Error('not implemented')));
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      prepayFirstWrite({ getBytesInUse: refused });
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(refused).toHaveBeenCalledTimes(1);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
