/**
 * Send a command to the background (the tracker's only writer) and keep its error, if any,
 * for the page to show. The result itself comes back through the storage watcher.
 */
import { useCallback, useState } from 'react';
import type { BackgroundMessage, Reply } from '@/utils/messages';
import { sendToBackground } from '@/utils/messaging';

export function useBackground() {
  const [error, setError] = useState<string>();
  const send = useCallback(async <T = unknown,>(message: BackgroundMessage): Promise<Reply<T>> => {
    const reply = await sendToBackground<T>(message);
    setError(reply.ok ? undefined : reply.error);
    return reply;
  }, []);
  return { send, error, clearError: useCallback(() => setError(undefined), []) };
}
