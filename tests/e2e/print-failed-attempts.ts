/**
 * A test that fails and then passes on its retry shows only "(retry x1)" in the report: the
 * failure of the first try is dropped. Each failed try's error is printed here as it happens,
 * so a retried test leaves its cause in the CI log (README: a retry is investigated like a failure).
 */
import { beforeEach, onTestFailed } from 'vitest';

beforeEach(() => {
  onTestFailed(({ task }) => {
    const errors = task.result?.errors ?? [];
    const message = errors.map((e) => e.stack ?? e.message).join('\n');
    console.error(`[failed try] ${task.file?.name ?? ''} > ${task.name}\n${message}`);
  });
});
