import { afterEach, describe, expect, it } from 'vitest';
import { ownRowAnchor, placeOwnRow } from '../../components/overlay/place';

afterEach(() => document.body.replaceChildren());

/** A custom element with an open shadow root holding `inside`. */
function component(tag: string, inside: Element): HTMLElement {
  const host = document.createElement(tag);
  host.attachShadow({ mode: 'open' }).append(inside);
  return host;
}

function section(): { body: HTMLElement; value: HTMLElement } {
  const body = document.createElement('div');
  const value = document.createElement('a');
  value.textContent = 'https://vt.tiktok.com/ZSabc123/';
  const field = document.createElement('div');
  field.append(value);
  body.append(field);
  return { body, value };
}

describe('our row stays inside the task details', () => {
  it('a slide-out drawn in a shadow root: the row goes in the panel, not after it (behind the backdrop)', () => {
    const { body, value } = section();
    const panel = component('x-slideout', body);
    document.body.append(document.createElement('div'), panel);
    const row = document.createElement('div');
    placeOwnRow(value, row, body);
    expect(row.getRootNode()).toBe(panel.shadowRoot);
    expect(body.contains(row)).toBe(true);
  });

  it("a copy field drawn by a component inside the section: the row goes beside the component, not in its private layout", () => {
    const { body } = section();
    const input = document.createElement('input');
    const field = component('x-copy-field', input);
    body.append(field);
    document.body.append(body);
    expect(ownRowAnchor(input, body)).toBe(field);
  });

  it('never past a dialog, even with no section box to stop at', () => {
    const dialog = document.createElement('div');
    dialog.setAttribute('role', 'dialog');
    const { body, value } = section();
    dialog.append(body);
    document.body.append(dialog);
    const anchor = ownRowAnchor(value, null);
    expect(dialog.contains(anchor) && anchor !== dialog).toBe(true);
  });
});
