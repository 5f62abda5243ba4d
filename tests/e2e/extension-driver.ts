/**
 * A small driver for scenarios written once and run in both browsers (`<name>-scenario.ts`,
 * run by thin `<name>-chromium.test.ts` / `<name>-firefox.test.ts` files):
 *
 * - code run with the extension's own API in one of its contexts, however each browser lets a
 *   test reach one: in Chromium the service worker itself (Playwright reaches it); in Firefox an
 *   extension page (the overview, opened from the overlay: Firefox will not let a test reach the
 *   background or open moz-extension:// pages; firefox-pages.ts). The function is sent there as
 *   text and runs there: it finds the API as `self.browser` (Firefox) or `self.chrome`
 *   (Chromium), and nothing of the module it was written in;
 * - replica pages driven the way a creator does: open a page or a task's View Task Details,
 *   count and click buttons by their accessible name (ours live in open shadow roots), read
 *   and write the clipboard, press keys, scroll with the wheel.
 *
 * Chromium finds controls by role and accessible name (Playwright's getByRole, which pierces
 * open shadow roots); Firefox by the in-page deep query of overlay-shared.ts (Puppeteer has no
 * role locator there). Clicks, keys and the wheel are the browser's own input events in both.
 */
import type { Locator, Page as PlaywrightPage } from 'playwright-core';
import type { ElementHandle, KeyInput, Page as PuppeteerPage, Target } from 'puppeteer-core';
import { IMPACT, type ChromiumSession, type FirefoxSession, type Replica } from './harness';
import { openTaskDetails as chromiumTaskDetails } from './chromium-pages';
import { extensionPage as firefoxExtensionPage, notNull, openOverview, openReplicaPage as firefoxReplicaPage, openTaskDetails as firefoxTaskDetails, ttcmControl, until } from './firefox-pages';
import { DEEP_QUERY_SOURCE, type Family } from './overlay-shared';

/**
 * Where on a page a control or text is looked for: the open dialog of that accessible name, the
 * campaign tile whose text includes `tile` (a tile's controls live in a shadow root beside its
 * text), and within it the group (one task's controls) of that accessible name; an article
 * (a popup card) of that accessible name.
 */
export interface Scope {
  dialog?: string;
  /** An article (a popup card) of that accessible name. */
  article?: string;
  /** A table row (an overview row) whose text holds all of these. */
  row?: string[];
  tile?: string;
  group?: string;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
}

/** A replica (impact.com) page in either browser. */
export interface DriverPage {
  /** How many buttons of that accessible name the page shows, ours in shadow roots included. */
  buttonCount(name: string, scope?: Scope): Promise<number>;
  /** A real click on the (first) button of that accessible name; waits for it to appear. */
  click(name: string, scope?: Scope): Promise<void>;
  /** Opens the TTCM drop-down of a task's details if it is closed (a real click on its toggle). */
  openTtcm(): Promise<void>;
  /** Opens the popup card of that accessible name: a click on its one line (a card is one line until opened). */
  openCard(article: string): Promise<void>;
  /** Types `text` into the text field of that accessible name. */
  fill(name: string, text: string): Promise<void>;
  /** How many elements show exactly `text` (`exact`) or a text containing it. */
  textCount(text: string, options?: { exact?: boolean; scope?: Scope }): Promise<number>;
  /** The texts of the elements of that ARIA role (alerts, statuses), ours in shadow roots included. */
  roleTexts(role: string): Promise<string[]>;
  /** Waits until a dialog of that accessible name is open (`open: true`) or none is (`open: false`). */
  waitForDialog(name: string, open: boolean): Promise<void>;
  /** A PNG of the first element matching `selector` in the open dialog of that name. */
  screenshotInDialog(dialog: string, selector: string): Promise<Buffer>;
  /** The page (its viewport, or all of it) as a PNG file (the README's screenshots). */
  screenshot(file: string, options?: { fullPage?: boolean }): Promise<void>;
  /** The accessible name of the focused element, inside shadow roots too. */
  focusedName(): Promise<string>;
  press(key: string): Promise<void>;
  clipboard(): Promise<string>;
  setClipboard(text: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  mouseMove(x: number, y: number): Promise<void>;
  wheel(dx: number, dy: number): Promise<void>;
  /** Run `fn(arg)` in the page; `arg` and the result cross as JSON. */
  evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>>;
  close(): Promise<void>;
}

export interface ExtensionDriver {
  readonly browserName: 'chromium' | 'firefox';
  /** Run `fn(arg)` in an extension context; `arg` and the result cross as JSON. */
  inExtension<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<Awaited<R>>;
  /**
   * A message to the background from an extension page, the way the popup and overview send
   * theirs (in Chromium not from the worker: a context cannot message itself).
   */
  sendMessage<R = unknown>(message: unknown): Promise<R>;
  /** The replica this browser reaches as https://app.impact.com. */
  readonly replica: Replica;
  /** The extension's id as its own code sees it (`runtime.id`). */
  readonly extensionId: string;
  /** The popup, opened as a page of its own. */
  openPopup(): Promise<DriverPage>;
  /** The overview, opened as a page of its own. */
  openOverview(): Promise<DriverPage>;
  /** The addresses of the impact.com tabs open now. */
  impactTabs(): Promise<string[]>;
  /** From now on: each tab opened (its address once it has one) and whether it has been closed since. */
  watchTabs(): TabWatch;
  /** Opens an impact.com (replica) address, whole or from the origin on, in a new tab (of that viewport size from the start, if given). */
  openPage(address: string, options?: PageOptions): Promise<DriverPage>;
  /** Opens a scenario task's View Task Details on a replica family and expands its TTCM drop-down, with real clicks. */
  openTaskDetails(family: Family, taskId: string, options?: PageOptions): Promise<DriverPage>;
}

export interface TabWatch {
  opened(): { url: string; closed: boolean }[];
  stop(): void;
}

/** An impact.com address from the origin on (`/secure/…`), given whole or so already. */
const pathOf = (address: string) => (address.startsWith(IMPACT) ? address.slice(IMPACT.length) : address);

/** In the page: the accessible name of the deepest focused element (aria-label, else its text). */
function activeName(): string {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el ? (el.getAttribute('aria-label') || el.textContent || '').trim() : '';
}

// ---------------------------------------------------------------- Chromium (Playwright)

function chromiumPage(page: PlaywrightPage): DriverPage {
  const within = (scope: Scope = {}): PlaywrightPage | Locator => {
    let at: PlaywrightPage | Locator = page;
    if (scope.dialog) at = page.getByRole('dialog', { name: scope.dialog });
    if (scope.article) at = page.getByRole('article', { name: scope.article });
    if (scope.row) for (const text of scope.row) at = (at === page ? page.getByRole('row') : (at as Locator)).filter({ hasText: text });
    if (scope.tile) at = page.locator('[data-tiktok-helper="tile"]').filter({ has: page.getByRole('status') }).locator('xpath=..').filter({ hasText: scope.tile });
    if (scope.group) at = at.getByRole('group', { name: scope.group, exact: true });
    return at;
  };
  const button = (name: string, scope?: Scope) => within(scope).getByRole('button', { name, exact: true });
  return {
    buttonCount: (name, scope) => button(name, scope).count(),
    click: (name, scope) => button(name, scope).first().click(),
    async openTtcm() {
      const toggle = page.getByText('TTCM Branded Content Details').first();
      await toggle.waitFor();
      if (!(await button('Mark as posted').isVisible())) await toggle.click();
      await button('Mark as posted').waitFor();
    },
    openCard: (article) => within({ article }).getByRole('button', { expanded: false }).click(),
    fill: (name, text) => page.getByRole('searchbox', { name }).or(page.getByRole('textbox', { name })).first().fill(text),
    textCount: (text, options) => within(options?.scope).getByText(text, { exact: options?.exact ?? false }).count(),
    roleTexts: (role) => page.getByRole(role as 'alert').allTextContents(),
    waitForDialog: (name, open) => page.getByRole('dialog', { name }).waitFor({ state: open ? 'visible' : 'detached' }),
    screenshotInDialog: (dialog, selector) => page.getByRole('dialog', { name: dialog }).locator(selector).first().screenshot(),
    screenshot: async (file, options) => void (await page.screenshot({ path: file, fullPage: options?.fullPage ?? false })),
    focusedName: () => page.evaluate(activeName),
    press: (key) => page.keyboard.press(key),
    clipboard: () => page.evaluate(() => navigator.clipboard.readText()),
    setClipboard: (text) => page.evaluate((t) => navigator.clipboard.writeText(t), text),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    mouseMove: (x, y) => page.mouse.move(x, y),
    wheel: (dx, dy) => page.mouse.wheel(dx, dy),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never),
    close: () => page.close(),
  };
}

/**
 * Chromium: extension code runs in the service worker (the one running now: a restart brings
 * a new one). Its pages may read and write the clipboard without asking (granted here).
 */
export function chromiumDriver(session: ChromiumSession): ExtensionDriver {
  let sender: PlaywrightPage | undefined;
  let granted = false;
  const grant = async () => {
    if (!granted) await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: IMPACT });
    granted = true;
  };
  return {
    browserName: 'chromium',
    inExtension: async (fn, arg) => (await session.serviceWorker()).evaluate(fn as never, arg as never) as never,
    async sendMessage(message) {
      if (!sender || sender.isClosed()) sender = await session.extensionPage('popup.html');
      return sender.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<never> } } }).chrome.runtime.sendMessage(m), message);
    },
    get replica() {
      return session.replica;
    },
    extensionId: session.extensionId,
    openPopup: async () => chromiumPage(await session.extensionPage('popup.html')),
    openOverview: async () => chromiumPage(await session.extensionPage('overview.html')),
    impactTabs: async () => session.context.pages().map((p) => p.url()).filter((url) => url.startsWith(`${IMPACT}/`)),
    watchTabs() {
      const created: PlaywrightPage[] = [];
      const collect = (page: PlaywrightPage) => void created.push(page);
      session.context.on('page', collect);
      return {
        opened: () => created.map((page) => ({ url: page.url(), closed: page.isClosed() })),
        stop: () => void session.context.off('page', collect),
      };
    },
    async openPage(address, options) {
      await grant();
      const page = await session.newPage();
      if (options?.viewport) await page.setViewportSize(options.viewport);
      await page.goto(IMPACT + pathOf(address));
      return chromiumPage(page);
    },
    async openTaskDetails(family, taskId, options) {
      await grant();
      const viewport = options?.viewport;
      return chromiumPage(await chromiumTaskDetails(session, family, taskId, viewport && ((page) => page.setViewportSize(viewport))));
    },
  };
}

// ---------------------------------------------------------------- Firefox (Puppeteer over WebDriver BiDi)

/** In the page: the buttons of accessible name `name` within `scope` (see Scope), ours in shadow roots included. */
function firefoxButtons({ name, scope }: { name: string; scope: Scope }): Element[] {
  const deep = (selector: string) => (window as unknown as { __deep(s: string): Element[] }).__deep(selector);
  const nameOf = (el: Element) => {
    const labelled = el.getAttribute('aria-labelledby');
    const root = el.getRootNode() as Document | ShadowRoot;
    if (labelled) return labelled.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' ').trim();
    return (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim();
  };
  let found = deep('button, [role="button"], summary').filter((b) => nameOf(b) === name);
  if (scope.dialog) found = found.filter((b) => { const d = b.closest('dialog[open], [role="dialog"]'); return !!d && nameOf(d) === scope.dialog; });
  if (scope.tile) found = found.filter((b) => { const host = (b.getRootNode() as ShadowRoot).host; return host?.getAttribute('data-tiktok-helper') === 'tile' && !!host.parentElement?.textContent?.includes(scope.tile!); });
  if (scope.group) found = found.filter((b) => { const g = b.closest('[role="group"]'); return !!g && nameOf(g) === scope.group; });
  if (scope.article) found = found.filter((b) => { const a = b.closest('article'); return !!a && nameOf(a) === scope.article; });
  if (scope.row) found = found.filter((b) => { const r = b.closest('tr'); return !!r && scope.row!.every((text) => r.textContent!.includes(text)); });
  return found;
}

/** In the page: elements (ours in shadow roots included) whose own text is or contains `text`, the innermost ones. */
function firefoxTexts({ text, exact, dialog }: { text: string; exact: boolean; dialog?: string }): number {
  const deep = (selector: string) => (window as unknown as { __deep(s: string): Element[] }).__deep(selector);
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  const hits = (el: Element) => (exact ? norm(el.textContent) === text : norm(el.textContent).includes(text));
  let all = deep('*').filter((el) => !['SCRIPT', 'STYLE', 'HEAD', 'HTML'].includes(el.tagName) && hits(el) && !Array.from(el.children).some(hits));
  if (dialog) all = all.filter((el) => !!el.closest('dialog[open]'));
  return all.length;
}

function firefoxPage(page: PuppeteerPage): DriverPage {
  /** The deep query (`__deep`) in the page now (a navigation takes it away). */
  const deepReady = async () => {
    if (!(await page.evaluate(() => typeof (window as unknown as { __deep?: unknown }).__deep === 'function'))) await page.evaluate(DEEP_QUERY_SOURCE);
  };
  const buttons = async (name: string, scope: Scope = {}) => {
    await deepReady();
    return page.evaluateHandle(firefoxButtons, { name, scope });
  };
  return {
    buttonCount: async (name, scope) => (await buttons(name, scope)).evaluate((all) => all.length),
    async click(name, scope = {}) {
      const first = async () => (await buttons(name, scope)).evaluateHandle((all) => all[0] ?? null);
      const handle = await until(first, notNull, `"${name}" on the page`);
      await (handle.asElement() as ElementHandle<Element>).click();
    },
    async openTtcm() {
      await ttcmControl(page, 'Mark as posted');
    },
    async openCard(article) {
      await deepReady();
      const line = await until(
        () =>
          page.evaluateHandle((name) => {
            const nameOf = (el: Element) => (el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
            const card = Array.from(document.querySelectorAll('article')).find((a) => nameOf(a) === name);
            return card?.querySelector('button[aria-expanded="false"]') ?? null;
          }, article),
        notNull,
        `the card "${article}"`,
      );
      await (line.asElement() as ElementHandle<Element>).click();
    },
    async fill(name, text) {
      const field = await until(
        () =>
          page.evaluateHandle((n) => {
            const nameOf = (el: HTMLInputElement) => (el.getAttribute('aria-label') || Array.from(el.labels ?? []).map((l) => l.textContent ?? '').join(' ')).trim();
            return Array.from(document.querySelectorAll('input, textarea')).find((el) => nameOf(el as HTMLInputElement) === n) ?? null;
          }, name),
        notNull,
        `the field "${name}"`,
      );
      await page.bringToFront();
      await (field.asElement() as ElementHandle<Element>).type(text);
    },
    async textCount(text, options) {
      await deepReady();
      return page.evaluate(firefoxTexts, { text, exact: options?.exact ?? false, dialog: options?.scope?.dialog });
    },
    async roleTexts(role) {
      await deepReady();
      return page.evaluate((r) => (window as unknown as { __deep(s: string): Element[] }).__deep(`[role="${r}"]`).map((e) => e.textContent ?? ''), role);
    },
    async waitForDialog(name, open) {
      await deepReady();
      const isOpen = () =>
        page.evaluate((n) => {
          const nameOf = (d: Element) => (d.getRootNode() as ShadowRoot).getElementById(d.getAttribute('aria-labelledby') ?? '')?.textContent ?? d.getAttribute('aria-label');
          return (window as unknown as { __deep(s: string): Element[] }).__deep('dialog[open], [role="dialog"]').some((d) => nameOf(d) === n);
        }, name);
      await until(isOpen, (v) => v === open, `the dialog "${name}" ${open ? 'open' : 'closed'}`);
    },
    async screenshotInDialog(dialog, selector) {
      await deepReady();
      const handle = await until(
        () =>
          page.evaluateHandle(
            ({ d, s }) => {
              const nameOf = (x: Element) => (x.getRootNode() as ShadowRoot).getElementById(x.getAttribute('aria-labelledby') ?? '')?.textContent ?? x.getAttribute('aria-label');
              return (window as unknown as { __deep(s: string): Element[] }).__deep('dialog[open], [role="dialog"]').find((x) => nameOf(x) === d)?.querySelector(s) ?? null;
            },
            { d: dialog, s: selector },
          ),
        notNull,
        `${selector} in the dialog "${dialog}"`,
      );
      return Buffer.from(await (handle.asElement() as ElementHandle<Element>).screenshot());
    },
    screenshot: async (file, options) => void (await page.screenshot({ path: file as `${string}.png`, fullPage: options?.fullPage ?? false })),
    focusedName: () => page.evaluate(activeName),
    async press(key) {
      // Playwright's "Shift+Tab": the modifiers held around the key.
      const keys = key.split('+') as KeyInput[];
      const held = keys.slice(0, -1);
      for (const k of held) await page.keyboard.down(k);
      await page.keyboard.press(keys.at(-1)!);
      for (const k of held.reverse()) await page.keyboard.up(k);
    },
    clipboard: () => page.evaluate(() => navigator.clipboard.readText()),
    setClipboard: (text) => page.evaluate((t) => navigator.clipboard.writeText(t), text),
    setViewport: (width, height) => page.setViewport({ width, height }),
    mouseMove: (x, y) => page.mouse.move(x, y),
    wheel: (dx, dy) => page.mouse.wheel({ deltaX: dx, deltaY: dy }),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg as never) as never,
    close: () => page.close(),
  };
}

const viewportFirst = (options?: PageOptions) => {
  const viewport = options?.viewport;
  return viewport && (async (page: PuppeteerPage) => void (await page.setViewport(viewport)));
};

/**
 * Firefox: extension code runs in `extensionPage` (an overview or popup the extension opened),
 * or, given none, in the overview opened from the overlay the first time the scenario needs it
 * (openOverview, firefox-pages.ts). Its pages may read the clipboard by the session's prefs
 * (harness.ts).
 */
export function firefoxDriver(session: FirefoxSession, extensionPage?: PuppeteerPage): ExtensionDriver {
  // One that was closed (a scenario closes the overview it opened; Puppeteer may not tell yet) is opened again.
  const alive = async (page: PuppeteerPage) => !page.isClosed() && (await page.evaluate(() => true).catch(() => false));
  const extension = async () => {
    if (!extensionPage || !(await alive(extensionPage))) extensionPage = await openOverview(session);
    return extensionPage;
  };
  return {
    browserName: 'firefox',
    inExtension: async (fn, arg) => (await extension()).evaluate(fn as never, arg as never) as never,
    sendMessage: async (message) =>
      (await extension()).evaluate((m) => (globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<never> } } }).browser.runtime.sendMessage(m), message),
    get replica() {
      return session.replica;
    },
    extensionId: session.addonId,
    // Firefox will not let a test open moz-extension:// pages: the extension opens the popup
    // as a tab when its overview asks, and the overview from the overlay (firefox-pages.ts).
    async openPopup() {
      await (await extension()).evaluate(() => {
        const api = (self as unknown as { browser: { tabs: { create(o: { url: string }): Promise<unknown> }; runtime: { getURL(p: string): string } } }).browser;
        return api.tabs.create({ url: api.runtime.getURL('/popup.html') });
      });
      return firefoxPage(await firefoxExtensionPage(session, 'popup.html'));
    },
    openOverview: async () => firefoxPage(await extension()),
    // Puppeteer reports moz-extension:// pages as about:blank; impact.com's by their address.
    impactTabs: async () => (await session.browser.pages()).map((p) => p.url()).filter((url) => url.startsWith(`${IMPACT}/`)),
    watchTabs() {
      const created: Target[] = [];
      const destroyed = new Set<Target>();
      const onCreated = (t: Target) => void created.push(t);
      const onDestroyed = (t: Target) => void destroyed.add(t);
      session.browser.on('targetcreated', onCreated);
      session.browser.on('targetdestroyed', onDestroyed);
      return {
        opened: () => created.map((t) => ({ url: t.url(), closed: destroyed.has(t) })),
        stop() {
          session.browser.off('targetcreated', onCreated);
          session.browser.off('targetdestroyed', onDestroyed);
        },
      };
    },
    openPage: async (address, options) => firefoxPage(await firefoxReplicaPage(session, pathOf(address), viewportFirst(options))),
    openTaskDetails: async (family, taskId, options) => firefoxPage(await firefoxTaskDetails(session, family, taskId, viewportFirst(options))),
  };
}
