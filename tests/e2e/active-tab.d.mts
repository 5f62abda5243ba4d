// Types for active-tab.mjs (plain ESM, shared with the bench scripts).
import type { Page } from 'playwright-core';
export function overActiveTab(page: Page, url: string): Promise<void>;
