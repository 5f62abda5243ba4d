/**
 * Send a command to the background (the tracker's only writer) and keep its error, if any,
 * for the page to show, in the interface language (utils/reply-error.ts). The result itself
 * comes back through the storage watcher.
 */
import { useCallback, useState } from 'react';
import { sendToBackground, type BackgroundMessage, type BackgroundReply } from '@/utils/messages';
import type { Reply } from '@/utils/messaging';
import { replyErrorText } from '@/utils/reply-error';

export function useBackground() {
  const [error, setError] = useState<string>();
  const send = useCallback(async <M extends BackgroundMessage,>(message: M): Promise<Reply<BackgroundReply<M['type']>>> => {
    const reply = await sendToBackground(message);
    setError(reply.ok ? undefined : replyErrorText(reply));
    return reply;
  }, []);
  return { send, error, clearError: useCallback(() => setError(undefined), []) };
}
