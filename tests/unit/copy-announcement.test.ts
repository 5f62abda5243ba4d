import { describe, expect, it, vi } from 'vitest';
import { copyButton, liveRegion } from '../../components/overlay/controls';

function build(value: string) {
  const live = liveRegion(document);
  const fallbackArea = document.createElement('div');
  const button = copyButton({ doc: document, label: 'Copy invite link', value: () => value, live, fallbackArea, scratch: document.body });
  document.body.append(button, live, fallbackArea);
  return { button, live };
}

describe('"Copied" survives the page re-rendering our controls', () => {
  it('a control rebuilt right after a copy still says Copied; another value does not', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const first = build('https://vt.tiktok.com/ZSabc123/');
    first.button.click();
    await vi.waitFor(() => expect(first.live.textContent).toBe('Copied'));
    expect(writeText).toHaveBeenCalledWith('https://vt.tiktok.com/ZSabc123/');

    // The page replaces the section: our controls are built again.
    first.button.remove();
    first.live.remove();
    const rebuilt = build('https://vt.tiktok.com/ZSabc123/');
    await vi.waitFor(() => expect(rebuilt.live.textContent).toBe('Copied'));
    const other = build('https://vt.tiktok.com/ZSother/');
    await new Promise((r) => setTimeout(r, 60));
    expect(other.live.textContent).toBe('');
  });
});
