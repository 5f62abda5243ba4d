/**
 * The built packages (both browsers) ask for exactly the permissions the README justifies
 * (other impact.com addresses only as optional hosts, granted one by one by the creator),
 * load no remote code, contain no way to run strings as code, listen to no page messages,
 * and pass `web-ext lint` with no error and no warning.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CHROME_BUILD, FIREFOX_BUILD, ROOT } from './harness';

const run = promisify(execFile);

function manifest(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
}

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full, ext) : full.endsWith(ext) ? [full] : [];
  });
}

const BUILDS = [
  ['chrome', CHROME_BUILD],
  ['firefox', FIREFOX_BUILD],
] as const;

describe.each(BUILDS)('%s package', (browser, dir) => {
  it('asks for exactly storage, alarms, notifications, scripting and https://app.impact.com/*; other impact.com addresses only as optional hosts', () => {
    const m = manifest(dir);
    expect(m.manifest_version).toBe(3);
    // `scripting` in both: registering the content script on a granted host (and, in Chrome,
    // re-injecting after an update).
    // `unlimitedStorage` in Chrome: storage.local's 10 MB would refuse an agency's tasks (no install warning there).
    expect([...(m.permissions as string[])].sort()).toEqual(['alarms', 'notifications', 'scripting', 'storage', ...(browser === 'chrome' ? ['unlimitedStorage'] : [])]);
    expect(m.host_permissions).toEqual(['https://app.impact.com/*']);
    // Asked for one exact host at a time, when the creator presses Allow in the overview.
    expect(m.optional_host_permissions).toEqual(['https://member.impactradius.com/*', 'https://*/*']);
    // Every frame: impact.com's modals may be same-origin frames, some drawn into about:blank.
    expect(m.content_scripts).toEqual([
      { matches: ['https://app.impact.com/*'], all_frames: true, match_about_blank: true, run_at: 'document_idle', js: ['content-scripts/content.js'] },
    ]);
    // Nothing else opens the extension to pages or other extensions, or loosens its CSP.
    for (const key of ['optional_permissions', 'web_accessible_resources', 'externally_connectable', 'content_security_policy', 'sandbox', 'declarative_net_request', 'update_url', 'key']) {
      expect(m, key).not.toHaveProperty(key);
    }
    const allowed = ['manifest_version', 'name', 'description', 'default_locale', 'version', 'icons', 'permissions', 'host_permissions', 'optional_host_permissions', 'action', 'background', 'content_scripts', 'commands'];
    // Keyboard shortcuts (rebindable in the browser's settings): they ask for no permission.
    expect(m.commands).toEqual({
      _execute_action: { suggested_key: { default: 'Alt+Shift+D' }, description: '__MSG_manifest_commandPopup__' },
      'copy-invite-link': { suggested_key: { default: 'Alt+Shift+C' }, description: '__MSG_manifest_commandCopy__' },
    });
    // Every word from _locales, in the browser's language (English by default).
    expect(m.default_locale).toBe('en');
    expect([m.name, m.description, (m.action as { default_title?: string }).default_title]).toEqual(['__MSG_manifest_name__', '__MSG_manifest_description__', '__MSG_manifest_actionTitle__']);
    const en = JSON.parse(readFileSync(path.join(dir, '_locales', 'en', 'messages.json'), 'utf8'));
    expect(en.manifest_name.message).toBe('TikTok Deliverable Helper for impact.com');
    expect(en.manifest_commandPopup.message).toBe('Open the TikTok deliverables popup');
    expect(en.manifest_commandCopy.message).toBe("Copy the invite link of this tab's TikTok task");
    for (const lang of ['en', 'fr', 'es', 'de', 'pt_BR', 'ja']) expect(existsSync(path.join(dir, '_locales', lang, 'messages.json')), lang).toBe(true);
    if (browser === 'firefox') allowed.push('browser_specific_settings');
    expect(Object.keys(m).sort()).toEqual(allowed.sort());
    if (browser === 'firefox') {
      expect(m.browser_specific_settings).toMatchObject({ gecko: { data_collection_permissions: { required: ['none'] } } });
      expect(m.background).toEqual({ scripts: ['background.js'] });
    } else {
      expect(m.background).toEqual({ service_worker: 'background.js' });
    }
  });

  it('loads only its own files: no remote script, style or import', () => {
    for (const html of files(dir, '.html')) {
      const text = readFileSync(html, 'utf8');
      for (const [, url] of text.matchAll(/\b(?:src|href)="([^"]+)"/g)) expect(url, `${path.basename(html)}: ${url}`).toMatch(/^\/[^/]/);
    }
    for (const js of files(dir, '.js')) {
      const text = readFileSync(js, 'utf8');
      expect(text, js).not.toMatch(/\bimportScripts\s*\(/);
      expect(text, js).not.toMatch(/\bimport\s*\(\s*[`'"]https?:/);
    }
  });

  it('has no way to run a string as code', () => {
    for (const js of files(dir, '.js')) {
      const text = readFileSync(js, 'utf8');
      const name = path.relative(dir, js);
      expect(text.match(/(?<![\w.$])eval\s*\(/g), name).toBeNull();
      // The Function constructor, called or aliased (zod's probe and compiler are removed at build time).
      expect(text.match(/(?<![\w.$])(?:new\s+)?Function\s*\(|=\s*Function\s*[,;]/g), name).toBeNull();
      expect(text.match(/\bset(?:Timeout|Interval)\s*\(\s*[`'"]/g), name).toBeNull();
    }
  });

  it('the content script listens to no window messages from the page', () => {
    const content = readFileSync(path.join(dir, 'content-scripts', 'content.js'), 'utf8');
    expect(content).not.toMatch(/addEventListener\s*\(\s*[`'"]message[`'"]/);
    expect(content).not.toMatch(/\.onmessage\s*=/);
  });
});

describe('web-ext lint (Firefox package)', () => {
  it('reports no error and no warning', async () => {
    const bin = path.join(ROOT, 'node_modules', '.bin', 'web-ext');
    const { stdout } = await run(bin, ['lint', '--source-dir', FIREFOX_BUILD, '--self-hosted', '--output', 'json', '--no-config-discovery'], { cwd: ROOT, maxBuffer: 20 * 1024 * 1024 }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    const report = JSON.parse(stdout.slice(stdout.indexOf('{'))) as { summary: { errors: number; warnings: number }; errors: unknown[]; warnings: unknown[] };
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0 });
  });
});
