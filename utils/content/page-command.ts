/**
 * The page actions' own check of a command (entrypoints/page-actions.ts): the commands that
 * press on impact.com are parsed with the one schema (messages.ts ContentMessageSchema) before
 * anything is pressed. Here, not in the content script: the injected script carries zod anyway,
 * the content script that every impact.com page loads does not (README "Boundaries").
 */
import { ContentMessageSchema } from '../messages';
import { summarizeIssues } from '../tracker/schema';

/** Why the command cannot be carried out as it came; undefined when it parses. */
export function refusePageCommand(command: unknown): string | undefined {
  const parsed = ContentMessageSchema.safeParse(command);
  return parsed.success ? undefined : summarizeIssues(parsed.error.issues);
}
