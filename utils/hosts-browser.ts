/**
 * The browser side of utils/page/hosts.ts: which other impact.com origins the creator granted.
 * Thin on purpose; the rules (exact `https://<host>/*` patterns only) are in page/hosts.ts.
 */
import { browser } from 'wxt/browser';
import { grantedOrigins } from './page/hosts';

/** The granted origins (never app.impact.com, never a wildcard); none when the browser cannot say. */
export async function readGrantedOrigins(): Promise<string[]> {
  try {
    return grantedOrigins((await browser.permissions.getAll()).origins);
  } catch {
    return [];
  }
}
