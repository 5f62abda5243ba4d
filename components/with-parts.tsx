import { Fragment, type ReactNode } from 'react';

/**
 * A translated sentence with elements in it: "go to {path}, then …" with `parts.path` put in
 * the place that language gives it. Unknown placeholders stay as written.
 */
export function withParts(text: string, parts: Record<string, ReactNode>): ReactNode[] {
  return text.split(/(\{[A-Za-z0-9_]+\})/).map((piece, i) => {
    const name = /^\{([A-Za-z0-9_]+)\}$/.exec(piece)?.[1];
    return <Fragment key={i}>{name !== undefined && name in parts ? parts[name] : piece}</Fragment>;
  });
}
