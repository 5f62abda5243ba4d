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
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ElementHandle as PlaywrightElement, Frame as PlaywrightFrame, Locator, Page as PlaywrightPage } from 'playwright-core';
import type { ElementHandle, Frame as PuppeteerFrame, KeyInput, Page as PuppeteerPage, Target } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { IMPACT, launchChromium, launchFirefox, type ChromiumOptions, type ChromiumSession, type FirefoxOptions, type FirefoxSession, type Replica } from './harness';
import { openTaskDetails as chromiumTaskDetails } from './chromium-pages';
import { extensionPage as firefoxExtensionPage, notNull, openOverview, openReplicaPage as firefoxReplicaPage, openTaskDetails as firefoxTaskDetails, ttcmControl, until } from './firefox-pages';
import { DEEP_QUERY_SOURCE, type Family } from './overlay-shared';
import { resetReplica } from './retrieve-data';

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
  /** Our controls only, and not those whose host carries this attribute (an old copy's, marked by the test). */
  skipMarked?: string;
}

export interface PageOptions {
  viewport?: { width: number; height: number };
  /** In a window of its own (Firefox); Playwright opens each Chromium page as its own target anyway. */
  window?: boolean;
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
  /** Replaces the text of the text field of that accessible name with `text`, typed. */
  fill(name: string, text: string): Promise<void>;
  /** How many elements show exactly `text` (`exact`) or a text containing it. */
  textCount(text: string, options?: { exact?: boolean; scope?: Scope }): Promise<number>;
  /** The texts of the elements of that ARIA role (alerts, statuses), ours in shadow roots included. */
  roleTexts(role: string): Promise<string[]>;
  /** Waits (20 s, or `ms`) until a dialog of that accessible name is open (`open: true`) or none is (`open: false`). */
  waitForDialog(name: string, open: boolean, ms?: number): Promise<void>;
  /** How many elements match `selector` in the open dialog of that accessible name. */
  countInDialog(dialog: string, selector: string): Promise<number>;
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
  /** How many elements of that ARIA role and accessible name (exact) the page shows, within `scope`. */
  roleCount(role: Role, name: string, scope?: Scope): Promise<number>;
  /** Ticks (`true`) or unticks a checkbox, or chooses a radio button, of that accessible name, with a real click (when it is not so already). */
  setChecked(name: string, checked: boolean, scope?: Scope): Promise<void>;
  /** Whether the checkbox or radio button of that accessible name is ticked. */
  isChecked(name: string, scope?: Scope): Promise<boolean>;
  /** Chooses the option of that label in the drop-down (`<select>`) of that accessible name. */
  select(name: string, option: string): Promise<void>;
  /** A real click on the (first) link of that accessible name. */
  clickLink(name: string): Promise<void>;
  /** The page's address. */
  url(): Promise<string>;
  /** Shows the tab in front (Firefox runs no animation frame in a background tab). */
  bringToFront(): Promise<void>;
  /** The system light/dark setting as this page sees it (`prefers-color-scheme`). */
  colorScheme(scheme: 'light' | 'dark'): Promise<void>;
  /** Clicks the button of that accessible name and returns the file it downloads, as saved. */
  download(name: string): Promise<{ filename: string; bytes: Buffer }>;
  /** Loads the page again, with `script` run in it before the page's own scripts. */
  reloadWith(script: () => void): Promise<void>;
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
  /** Closes every impact.com tab. */
  closeImpactTabs(): Promise<void>;
  /** From now on: each tab opened (its address once it has one) and whether it has been closed since. */
  watchTabs(): TabWatch;
  /** Opens an impact.com (replica) address, whole or from the origin on, in a new tab (of that viewport size from the start, if given). */
  openPage(address: string, options?: PageOptions): Promise<DriverPage>;
  /** Opens a scenario task's View Task Details on a replica family and expands its TTCM drop-down, with real clicks. */
  openTaskDetails(family: Family, taskId: string, options?: PageOptions): Promise<DriverPage>;
  /** Runs `action` (a click that opens a tab) and returns the tab it opened, loaded. */
  openedBy(action: () => Promise<void>): Promise<DriverPage>;
  /**
   * Between tests: every tab but the one extension code runs in closed, the extension's storage
   * and alarms cleared, the replica reset (then given `replicaConfig`).
   */
  startClean(replicaConfig?: unknown): Promise<void>;
  /** An impact.com (replica) address in a new tab, driven frame by frame (the fuzz flow). */
  openTab(address: string): Promise<DriverTab>;
  /** The popup as a tab of its own, driven frame by frame. */
  openPopupTab(): Promise<DriverTab>;
}

/** An element a frame's expression found: real pointer input on it. */
export interface DriverElement {
  click(): Promise<void>;
  hover(): Promise<void>;
  screenshot(): Promise<Buffer>;
}

/** One frame of a tab (the top document, or a same-origin iframe's). */
export interface DriverFrame {
  /** Evaluates a JavaScript expression (text: it carries no module's helpers) in the frame; its result crosses as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  /** Evaluates an expression that gives an element; null when it gives none. */
  element(expression: string): Promise<DriverElement | null>;
}

/** A tab driven frame by frame: pages whose details live in an iframe. */
export interface DriverTab {
  top(): DriverFrame;
  /** The top frame first, then every child frame. */
  frames(): Promise<DriverFrame[]>;
  press(key: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

/** A browser for one test file: its session (for what only that browser does), its driver, and the extension page it opened at launch. */
export interface Suite<S, P> {
  readonly session: S;
  readonly driver: ExtensionDriver;
  /** The extension page opened at launch (`open`) and kept open; undefined with `open: 'none'`. */
  readonly page: P;
}

/**
 * What a suite opens at launch and keeps open: Chromium, the popup (a page whose CDP session or
 * clear-between-tests a file needs) or none (the default: its driver runs extension code in the
 * worker); Firefox, the overview from the overlay (the default: the driver runs extension code
 * there) or none (the driver opens it when a scenario first needs it: a file whose first step
 * must not be a visit to Summer Glow's task, or one browser per family).
 *
 * A file's own beforeAll registered after the suite's runs after the launch (vitest runs
 * beforeAll hooks in the order registered, afterAll in reverse: the browser closes last).
 */
export interface ChromiumSuiteOptions extends ChromiumOptions {
  open?: 'popup' | 'none';
}
export interface FirefoxSuiteOptions extends FirefoxOptions {
  open?: 'overview' | 'none';
}

/** Registers a Chromium launched before the file's tests (with its driver) and closed after them. */
export function chromiumSuite<O extends ChromiumSuiteOptions>(options?: O): Suite<ChromiumSession, O extends { open: 'popup' } ? PlaywrightPage : undefined> {
  const suite = {} as { session: ChromiumSession; driver: ExtensionDriver; page: PlaywrightPage | undefined };
  beforeAll(async () => {
    suite.session = await launchChromium(options);
    suite.driver = chromiumDriver(suite.session);
    if (options?.open === 'popup') suite.page = await suite.session.extensionPage('popup.html');
  });
  afterAll(async () => {
    await suite.session?.close();
  });
  return suite as never;
}

/**
 * Registers a Firefox launched before the file's tests and closed after them; its driver runs
 * extension code in the overview, opened from the overlay (firefox-pages.ts) at launch or when
 * first needed (`open: 'none'`).
 */
export function firefoxSuite<O extends FirefoxSuiteOptions>(options?: O): Suite<FirefoxSession, O extends { open: 'none' } ? undefined : PuppeteerPage> {
  const suite = {} as { session: FirefoxSession; driver: ExtensionDriver; page: PuppeteerPage | undefined };
  beforeAll(async () => {
    suite.session = await launchFirefox(options);
    if (options?.open !== 'none') suite.page = await openOverview(suite.session);
    suite.driver = firefoxDriver(suite.session, suite.page);
  });
  afterAll(async () => {
    await suite.session?.close();
  });
  return suite as never;
}

/** The ARIA roles the scenarios look for by name. */
export type Role = 'button' | 'checkbox' | 'radio' | 'group' | 'link' | 'combobox' | 'article' | 'heading';

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
    // Playwright's locators look into the open shadow root of each host they match.
    if (scope.skipMarked) at = at.locator(`[data-tiktok-helper]:not([${scope.skipMarked}])`);
    if (scope.group) at = at.getByRole('group', { name: scope.group, exact: true });
    return at;
  };
  const button = (name: string, scope?: Scope) => within(scope).getByRole('button', { name, exact: true });
  const toggle = (name: string, scope?: Scope) => within(scope).getByRole('checkbox', { name, exact: true }).or(within(scope).getByRole('radio', { name, exact: true }));
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
    waitForDialog: (name, open, ms) => page.getByRole('dialog', { name }).waitFor({ state: open ? 'visible' : 'detached', timeout: ms }),
    countInDialog: (dialog, selector) => page.getByRole('dialog', { name: dialog }).locator(selector).count(),
    screenshotInDialog: (dialog, selector) => page.getByRole('dialog', { name: dialog }).locator(selector).first().screenshot(),
    screenshot: async (file, options) => void (await page.screenshot({ path: file, fullPage: options?.fullPage ?? false })),
    focusedName: () => page.evaluate(activeName),
    press: (key) => page.keyboard.press(key),
    clipboard: () => page.evaluate(() => navigator.clipboard.readText()),
    setClipboard: (text) => page.evaluate((t) => navigator.clipboard.writeText(t), text),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    mouseMove: (x, y) => page.mouse.move(x, y),
    wheel: (dx, dy) => page.mouse.wheel(dx, dy),
    roleCount: (role, name, scope) => within(scope).getByRole(role, { name, exact: true }).count(),
    setChecked: (name, checked, scope) => toggle(name, scope).setChecked(checked),
    isChecked: (name, scope) => toggle(name, scope).isChecked(),
    select: async (name, option) => void (await page.getByRole('combobox', { name }).selectOption({ label: option })),
    clickLink: (name) => page.getByRole('link', { name, exact: true }).first().click(),
    url: async () => page.url(),
    bringToFront: () => page.bringToFront(),
    colorScheme: (colorScheme) => page.emulateMedia({ colorScheme }),
    async download(name) {
      const [file] = await Promise.all([page.waitForEvent('download'), button(name).click()]);
      return { filename: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
    },
    async reloadWith(script) {
      await page.addInitScript(script);
      await page.reload();
    },
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
    async closeImpactTabs() {
      for (const page of session.context.pages()) if (page.url().startsWith(`${IMPACT}/`)) await page.close();
    },
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
    async openedBy(action) {
      const opened = session.context.waitForEvent('page');
      await action();
      const page = await opened;
      await page.waitForLoadState();
      return chromiumPage(page);
    },
    async startClean(replicaConfig) {
      // One extension page stays (as sendMessage's sender): a browser with no page left may quit.
      if (!sender || sender.isClosed()) sender = await session.extensionPage('popup.html');
      for (const page of session.context.pages()) if (page !== sender) await page.close();
      await (await session.serviceWorker()).evaluate(clearExtension);
      await resetReplica(session.replica, replicaConfig);
    },
    async openTab(address) {
      await grant();
      return chromiumTab(await session.newPage(IMPACT + pathOf(address)));
    },
    openPopupTab: async () => chromiumTab(await session.extensionPage('popup.html')),
  };
}

/** In an extension context: the extension's storage and alarms cleared. */
async function clearExtension(): Promise<void> {
  const api = (globalThis as { browser?: ExtensionApi }).browser ?? (globalThis as unknown as { chrome: ExtensionApi }).chrome;
  await api.storage.local.clear();
  await api.alarms.clearAll();
}
type ExtensionApi = { storage: { local: { clear(): Promise<void> } }; alarms: { clearAll(): Promise<boolean> } };

/** Playwright's actions wait this long for an element to be actionable. */
const ACTION_TIMEOUT = 10_000;

function chromiumTab(page: PlaywrightPage): DriverTab {
  const element = (handle: PlaywrightElement): DriverElement => ({
    click: () => handle.click({ timeout: ACTION_TIMEOUT }),
    hover: () => handle.hover({ timeout: ACTION_TIMEOUT }),
    screenshot: () => handle.screenshot({ timeout: ACTION_TIMEOUT }),
  });
  const frame = (f: PlaywrightFrame): DriverFrame => ({
    evaluate: (expression) => f.evaluate(expression),
    async element(expression) {
      const handle = await f.evaluateHandle(expression);
      const el = handle.asElement();
      if (!el) await handle.dispose();
      return el ? element(el as PlaywrightElement) : null;
    },
  });
  return {
    top: () => frame(page.mainFrame()),
    frames: async () => [page.mainFrame(), ...page.frames().filter((f) => f !== page.mainFrame())].map(frame),
    press: (key) => page.keyboard.press(key),
    setViewport: (width, height) => page.setViewportSize({ width, height }),
    screenshot: async (file) => void (await page.screenshot({ path: file })),
    close: () => page.close(),
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
  if (scope.skipMarked) found = found.filter((b) => { const host = (b.getRootNode() as ShadowRoot).host; return !!host?.hasAttribute('data-tiktok-helper') && !host.hasAttribute(scope.skipMarked!); });
  return found;
}

/**
 * In the page: the elements of ARIA role `role` whose accessible name is `name` (aria-labelledby,
 * aria-label, a label, a fieldset's legend, else the text), within `scope` (dialog, article, row).
 */
function firefoxNamed({ role, name, scope }: { role: Role; name: string; scope: Scope }): Element[] {
  const deep = (selector: string) => (window as unknown as { __deep(s: string): Element[] }).__deep(selector);
  const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const nameOf = (el: Element): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelled = el.getAttribute('aria-labelledby');
    if (labelled) return norm(labelled.split(/\s+/).map((id) => root.getElementById(id)?.textContent ?? '').join(' '));
    const label = el.getAttribute('aria-label');
    if (label) return norm(label);
    const labels = (el as HTMLInputElement).labels;
    // A label's own words: a control inside it (a <select> with its options) left out.
    const words = (l: Element) => {
      const copy = l.cloneNode(true) as Element;
      copy.querySelectorAll('select, input, textarea').forEach((c) => c.remove());
      return copy.textContent;
    };
    if (labels?.length) return norm(Array.from(labels).map(words).join(' '));
    if (el.localName === 'fieldset') return norm(el.querySelector(':scope > legend')?.textContent);
    return norm(el.textContent);
  };
  const selectors: Record<Role, string> = {
    button: 'button, [role="button"], summary',
    checkbox: 'input[type="checkbox"], [role="checkbox"]',
    radio: 'input[type="radio"], [role="radio"]',
    group: 'fieldset, [role="group"]',
    link: 'a[href], [role="link"]',
    combobox: 'select, [role="combobox"]',
    article: 'article',
    heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
  };
  let found = deep(selectors[role]).filter((el) => nameOf(el) === name && (el as HTMLElement).checkVisibility?.() !== false);
  if (scope.dialog) found = found.filter((el) => { const d = el.closest('dialog[open], [role="dialog"]'); return !!d && nameOf(d) === scope.dialog; });
  if (scope.article) found = found.filter((el) => { const a = el.closest('article'); return !!a && nameOf(a) === scope.article; });
  if (scope.row) found = found.filter((el) => { const r = el.closest('tr'); return !!r && scope.row!.every((text) => r.textContent!.includes(text)); });
  return found;
}

/** In the page: elements (ours in shadow roots included) whose own text is or contains `text`, the innermost ones. */
function firefoxTexts({ text, exact, dialog, article }: { text: string; exact: boolean; dialog?: string; article?: string }): number {
  const deep = (selector: string) => (window as unknown as { __deep(s: string): Element[] }).__deep(selector);
  const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
  const hits = (el: Element) => (exact ? norm(el.textContent) === text : norm(el.textContent).includes(text));
  let all = deep('*').filter((el) => !['SCRIPT', 'STYLE', 'HEAD', 'HTML'].includes(el.tagName) && hits(el) && !Array.from(el.children).some(hits));
  if (dialog) all = all.filter((el) => !!el.closest('dialog[open]'));
  const articleName = (a: Element) => norm((a.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  if (article) all = all.filter((el) => { const a = el.closest('article'); return !!a && articleName(a) === article; });
  return all.length;
}

/**
 * A page in Firefox; `downloads` is the folder its session saves downloads in (harness.ts).
 */
function firefoxPage(page: PuppeteerPage, downloads?: string): DriverPage {
  /** The deep query (`__deep`, and `__named`: firefoxNamed) in the page now (a navigation takes it away). */
  const deepReady = async () => {
    if (!(await page.evaluate(() => typeof (window as unknown as { __deep?: unknown }).__deep === 'function'))) await page.evaluate(DEEP_QUERY_SOURCE);
    if (!(await page.evaluate(() => typeof (window as unknown as { __named?: unknown }).__named === 'function'))) await page.evaluate(`window.__named = ${firefoxNamed.toString()}`);
  };
  /** The first element of that role and name within `scope`, once there is one. */
  const named = async (role: Role, name: string, scope: Scope) => {
    const first = async () => {
      await deepReady();
      return page.evaluateHandle((q) => (window as unknown as { __named(q: unknown): Element[] }).__named(q)[0] ?? null, { role, name, scope });
    };
    return (await until(first, notNull, `the ${role} "${name}"`)).asElement() as ElementHandle<Element>;
  };
  const toggle = async (name: string, scope: Scope) => {
    const first = async () => {
      await deepReady();
      return page.evaluateHandle((q) => {
        const find = (window as unknown as { __named(q: unknown): Element[] }).__named;
        return find({ ...q, role: 'checkbox' })[0] ?? find({ ...q, role: 'radio' })[0] ?? null;
      }, { name, scope });
    };
    return (await until(first, notNull, `the checkbox or radio button "${name}"`)).asElement() as ElementHandle<Element>;
  };
  const buttons = async (name: string, scope: Scope = {}) => {
    await deepReady();
    return page.evaluateHandle(firefoxButtons, { name, scope });
  };
  return {
    buttonCount: async (name, scope) => (await buttons(name, scope)).evaluate((all) => all.length),
    async click(name, scope = {}) {
      const first = async () => (await buttons(name, scope)).evaluateHandle((all) => all[0] ?? null);
      // Puppeteer clicks at a point it measured a moment before; a page that re-renders (the
      // hashed family replaces the task's panel every 1.5 s) may have replaced our button in
      // between, so the press lands on the page instead. Playwright checks the hit target and
      // tries again; so does this: the button itself must see the click.
      for (let tries = 1; ; tries++) {
        const button = (await until(first, notNull, `"${name}" on the page`)).asElement() as ElementHandle<Element>;
        await button.evaluate((el) => {
          (el as unknown as { __pressed?: boolean }).__pressed = false;
          el.addEventListener('click', () => ((el as unknown as { __pressed?: boolean }).__pressed = true), { once: true, capture: true });
        });
        // Replaced (or not drawn yet) when Puppeteer measured it: find it again.
        const detached = await button.click().then(
          () => false,
          (error: Error) => {
            if (/detached|not clickable/i.test(error.message)) return true;
            throw error;
          },
        );
        // A click that navigated took the page (and this handle) away: it landed.
        const landed = !detached && (await button.evaluate((el) => (el as unknown as { __pressed?: boolean }).__pressed === true).catch(() => true));
        if (landed) return;
        if (tries === 5) throw new Error(`"${name}": 5 clicks did not reach the button`);
      }
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
      // What the field held is replaced (as Playwright's fill does): selected, then typed over or deleted.
      const input = field.asElement() as ElementHandle<HTMLInputElement>;
      await input.focus();
      await input.evaluate((el) => el.select());
      if (text) await input.type(text);
      else await page.keyboard.press('Backspace');
    },
    async textCount(text, options) {
      await deepReady();
      return page.evaluate(firefoxTexts, { text, exact: options?.exact ?? false, dialog: options?.scope?.dialog, article: options?.scope?.article });
    },
    async roleTexts(role) {
      await deepReady();
      return page.evaluate((r) => (window as unknown as { __deep(s: string): Element[] }).__deep(`[role="${r}"]`).map((e) => e.textContent ?? ''), role);
    },
    async waitForDialog(name, open, ms) {
      await deepReady();
      const isOpen = () =>
        page.evaluate((n) => {
          const nameOf = (d: Element) => (d.getRootNode() as ShadowRoot).getElementById(d.getAttribute('aria-labelledby') ?? '')?.textContent ?? d.getAttribute('aria-label');
          return (window as unknown as { __deep(s: string): Element[] }).__deep('dialog[open], [role="dialog"]').some((d) => nameOf(d) === n);
        }, name);
      await until(isOpen, (v) => v === open, `the dialog "${name}" ${open ? 'open' : 'closed'}`, ms);
    },
    async countInDialog(dialog, selector) {
      await deepReady();
      return page.evaluate(
        ({ d, s }) => {
          const nameOf = (x: Element) => (x.getRootNode() as ShadowRoot).getElementById(x.getAttribute('aria-labelledby') ?? '')?.textContent ?? x.getAttribute('aria-label');
          const open = (window as unknown as { __deep(s: string): Element[] }).__deep('dialog[open], [role="dialog"]').find((x) => nameOf(x) === d);
          return open ? open.querySelectorAll(s).length : 0;
        },
        { d: dialog, s: selector },
      );
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
    async roleCount(role, name, scope = {}) {
      await deepReady();
      return page.evaluate((q) => (window as unknown as { __named(q: unknown): Element[] }).__named(q).length, { role, name, scope });
    },
    async setChecked(name, checked, scope = {}) {
      const box = await toggle(name, scope);
      if ((await box.evaluate((el) => (el as HTMLInputElement).checked)) !== checked) await box.click();
      await until(() => box.evaluate((el) => (el as HTMLInputElement).checked), (v) => v === checked, `"${name}" ${checked ? 'ticked' : 'unticked'}`);
    },
    isChecked: async (name, scope = {}) => (await toggle(name, scope)).evaluate((el) => (el as HTMLInputElement).checked),
    async select(name, option) {
      const field = await named('combobox', name, {});
      const value = await field.evaluate((el, label) => Array.from((el as HTMLSelectElement).options).find((o) => o.label === label || o.text === label)?.value, option);
      if (value === undefined) throw new Error(`no option "${option}" in "${name}"`);
      await field.select(value);
    },
    clickLink: async (name) => (await named('link', name, {})).click(),
    url: () => page.evaluate(() => location.href),
    bringToFront: () => page.bringToFront(),
    colorScheme() {
      // Puppeteer sends emulateMediaFeatures over CDP only, and this Firefox's WebDriver BiDi
      // has no emulation.setColorSchemeOverride ("unknown command", Firefox ESR 153).
      throw new Error('Firefox over WebDriver BiDi cannot emulate prefers-color-scheme');
    },
    async download(name) {
      if (!downloads) throw new Error('this Firefox session saves no downloads');
      const before = new Set(await readdir(downloads));
      await (await named('button', name, {})).click();
      // Firefox writes `<name>.part` and renames it when done.
      const filename = await until(
        async () => (await readdir(downloads)).find((f) => !before.has(f) && !f.endsWith('.part')) ?? null,
        (f) => f !== null,
        `the download of "${name}"`,
      );
      const file = path.join(downloads, filename!);
      await until(async () => (await stat(file)).size, async (size) => size > 0 && size === (await stat(file)).size, 'the whole file');
      return { filename: filename!, bytes: await readFile(file) };
    },
    async reloadWith(script) {
      await page.evaluateOnNewDocument(script);
      // Puppeteer's reload waits for a navigation Firefox does not report for moz-extension:// pages.
      const before = await page.evaluate(() => performance.timeOrigin);
      await page.evaluate(() => location.reload());
      await until(() => page.evaluate(() => performance.timeOrigin).catch(() => before), (t) => t !== before, 'the page loaded again');
    },
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
  // One Puppeteer lost track of is found again among the open pages before a new one is opened.
  const openNow = async () => {
    for (const page of await session.browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.endsWith('/overview.html')) return page;
    }
    return undefined;
  };
  const extension = async () => {
    if (!extensionPage || !(await alive(extensionPage))) extensionPage = (await openNow()) ?? (await openOverview(session));
    return extensionPage;
  };
  /** The tabs openTab and openPopupTab opened and that are not closed yet. */
  const opened = new Set<PuppeteerPage>();
  // The extension opens the popup as a tab when its overview asks.
  const openPopupPage = async () =>
    (await extension()).evaluate(() => {
      const api = (self as unknown as { browser: { tabs: { create(o: { url: string }): Promise<unknown> }; runtime: { getURL(p: string): string } } }).browser;
      return api.tabs.create({ url: api.runtime.getURL('/popup.html') });
    });
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
      await openPopupPage();
      return firefoxPage(await firefoxExtensionPage(session, 'popup.html'), session.downloads);
    },
    openOverview: async () => firefoxPage(await extension(), session.downloads),
    // Puppeteer reports moz-extension:// pages as about:blank; impact.com's by their address.
    async impactTabs() {
      const open: string[] = [];
      for (const page of await session.browser.pages()) {
        // A page Puppeteer still lists may have been closed by the extension: it answers no more.
        if (page.url().startsWith(`${IMPACT}/`) && (await page.evaluate(() => true).catch(() => false))) open.push(page.url());
      }
      return open;
    },
    async closeImpactTabs() {
      for (const page of await session.browser.pages()) if (page.url().startsWith(`${IMPACT}/`)) await page.close();
    },
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
    openPage: async (address, options) => firefoxPage(await firefoxReplicaPage(session, pathOf(address), viewportFirst(options), options?.window)),
    openTaskDetails: async (family, taskId, options) => firefoxPage(await firefoxTaskDetails(session, family, taskId, viewportFirst(options))),
    async openedBy(action) {
      const before = new Set(await session.browser.pages());
      await action();
      // Puppeteer reports a moz-extension:// page as about:blank: each new page is asked where it is.
      const page = await until(
        async () => {
          for (const candidate of await session.browser.pages()) {
            if (before.has(candidate)) continue;
            const href = await candidate.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '');
            if (href && href !== 'about:blank') return candidate;
          }
          return null;
        },
        (p) => p !== null,
        'the tab it opens',
      );
      return firefoxPage(page!, session.downloads);
    },
    async startClean(replicaConfig) {
      const keep = await extension();
      // Puppeteer reports moz-extension:// pages as about:blank: the tabs opened here are closed by name.
      for (const page of opened) await page.close().catch(() => undefined);
      opened.clear();
      for (const page of await session.browser.pages()) if (page !== keep && page.url() !== 'about:blank') await page.close();
      // Its window in front again: Firefox opens the next tab in the window focused last, and
      // fails to ("selectedTab … is undefined") when that window is one a test has closed.
      await keep.bringToFront();
      await keep.evaluate(clearExtension);
      await resetReplica(session.replica, replicaConfig);
    },
    async openTab(address) {
      const page = await session.browser.newPage();
      await page.goto(IMPACT + pathOf(address));
      return firefoxTab(page, opened);
    },
    async openPopupTab() {
      await openPopupPage();
      return firefoxTab(await firefoxExtensionPage(session, 'popup.html'), opened);
    },
  };
}

/**
 * Until the element stays put for two frames. Puppeteer clicks where the element was when it
 * looked; a page whose hover reveals or inserts actions moves things as the pointer arrives
 * (a person then clicks where the button is now), and late content moves things too.
 */
async function settled(handle: ElementHandle<Element>): Promise<void> {
  await handle.evaluate(
    (el) =>
      new Promise<void>((resolve) => {
        let last = '';
        let tries = 0;
        const look = () => {
          const r = el.getBoundingClientRect();
          const now = [r.x, r.y, r.width, r.height].join();
          if ((now === last && r.width > 0) || ++tries > 60) resolve();
          else {
            last = now;
            requestAnimationFrame(() => requestAnimationFrame(look));
          }
        };
        look();
      }),
  );
}

/** A Firefox tab driven frame by frame; kept in `opened` until it is closed (startClean closes the rest). */
function firefoxTab(page: PuppeteerPage, opened: Set<PuppeteerPage>): DriverTab {
  opened.add(page);
  const element = (handle: ElementHandle<Element>): DriverElement => ({
    async click() {
      // The pointer arrives first (hover effects happen), then the click lands on where the element is.
      await handle.hover();
      await settled(handle);
      await handle.click();
    },
    hover: () => handle.hover(),
    screenshot: async () => Buffer.from(await handle.screenshot()),
  });
  const frame = (f: PuppeteerFrame): DriverFrame => ({
    evaluate: (expression) => f.evaluate(expression) as never,
    async element(expression) {
      const handle = await f.evaluateHandle(expression);
      const el = handle.asElement() as ElementHandle<Element> | null;
      if (!el) await handle.dispose();
      return el ? element(el) : null;
    },
  });
  return {
    top: () => frame(page.mainFrame()),
    frames: async () => [page.mainFrame(), ...page.frames().filter((f) => f !== page.mainFrame())].map(frame),
    press: (key) => page.keyboard.press(key as KeyInput),
    setViewport: (width, height) => page.setViewport({ width, height }),
    screenshot: async (file) => void (await page.screenshot({ path: file as `${string}.png` })),
    async close() {
      opened.delete(page);
      await page.close();
    },
  };
}
