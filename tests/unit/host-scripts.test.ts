/**
 * utils/background/host-scripts.ts with a fake browser: the content script is registered on
 * exactly the granted hosts (one registration each, the manifest's file, every frame,
 * document_idle), unregistered when a permission goes, never for a wildcard or app.impact.com,
 * put into the open tabs of a newly granted host, and a failure never throws or stops others.
 */
import { describe, expect, it } from 'vitest';
import { createHostScripts, hostScript, syncHostScripts, type HostScript, type HostScriptDeps, type RegisteredScript } from '../../utils/background/host-scripts';

const FILES = ['content-scripts/content.js'];
const LEGACY = 'https://member.impactradius.com';
const PARTNER = 'https://partners.example.com';

class Fake {
  patterns: string[] = ['https://app.impact.com/*'];
  scripts: RegisteredScript[] = [];
  registerCalls: HostScript[] = [];
  unregisterCalls: string[][] = [];
  injected: { patterns: string[]; files: string[] }[] = [];
  /** The browser does not know matchOriginAsFallback (an older version). */
  noFallback = false;
  failRegister = new Set<string>();
  failUnregister = false;
  failRead = false;
  files = FILES;

  deps(): HostScriptDeps {
    return {
      grantedPatterns: async () => {
        if (this.failRead) throw new Error('permissions unavailable');
        return [...this.patterns];
      },
      registered: async () => this.scripts.map((s) => ({ ...s })),
      register: async (script) => {
        this.registerCalls.push(script);
        if (this.noFallback && script.matchOriginAsFallback) throw new Error('Unexpected property: "matchOriginAsFallback"');
        if (this.failRegister.has(script.id)) throw new Error('registration refused');
        if (this.scripts.some((s) => s.id === script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
        this.scripts.push({ id: script.id, matches: script.matches, js: script.js });
      },
      unregister: async (ids) => {
        this.unregisterCalls.push(ids);
        if (this.failUnregister) throw new Error('unregister refused');
        this.scripts = this.scripts.filter((s) => !ids.includes(s.id));
      },
      contentScriptFiles: () => this.files,
      injectOpenTabs: async (patterns, files) => void this.injected.push({ patterns, files }),
    };
  }

  grant(origin: string) {
    this.patterns.push(`${origin}/*`);
  }
}

describe('content script on granted hosts', () => {
  it('registers nothing when only app.impact.com is granted (the manifest covers it)', async () => {
    const fake = new Fake();
    expect(await syncHostScripts(fake.deps())).toEqual({ active: [], added: [], removed: [], problems: [] });
    expect(fake.registerCalls).toEqual([]);
  });

  it('registers the manifest file on a granted host: one id per host, every frame, document_idle, about:blank frames too', async () => {
    const fake = new Fake();
    fake.grant(LEGACY);
    fake.grant(PARTNER);
    const result = await syncHostScripts(fake.deps());
    expect(result).toEqual({ active: [LEGACY, PARTNER], added: [LEGACY, PARTNER], removed: [], problems: [] });
    expect(fake.registerCalls).toEqual([
      { id: 'impact-host:member.impactradius.com', matches: ['https://member.impactradius.com/*'], js: FILES, allFrames: true, runAt: 'document_idle', matchOriginAsFallback: true },
      { id: 'impact-host:partners.example.com', matches: ['https://partners.example.com/*'], js: FILES, allFrames: true, runAt: 'document_idle', matchOriginAsFallback: true },
    ]);
    // Tabs of those hosts that are already open get the script too (no browser does it).
    expect(fake.injected).toEqual([{ patterns: ['https://member.impactradius.com/*', 'https://partners.example.com/*'], files: FILES }]);
  });

  it('registers the files by their paths when the browser reports them as full extension URLs (Firefox)', async () => {
    const fake = new Fake();
    fake.files = FILES.map((f) => `moz-extension://2c30d984-b79a-4751-ba5d-10d6b1fc1331/${f.replace(/^\//, '')}`);
    fake.grant(LEGACY);
    expect((await syncHostScripts(fake.deps())).problems).toEqual([]);
    expect(fake.registerCalls.map((c) => c.js)).toEqual([FILES.map((f) => f.replace(/^\//, ''))]);
    expect(fake.injected.map((i) => i.files)).toEqual([FILES.map((f) => f.replace(/^\//, ''))]);
  });

  it('never registers for a wildcard grant, another scheme or app.impact.com', async () => {
    const fake = new Fake();
    fake.patterns.push('https://*/*', '*://*/*', '<all_urls>', 'https://*.example.com/*', 'http://plain.example.com/*');
    expect((await syncHostScripts(fake.deps())).active).toEqual([]);
    expect(fake.registerCalls).toEqual([]);
    expect(fake.injected).toEqual([]);
  });

  it('is idempotent: a second run changes nothing and injects nothing', async () => {
    const fake = new Fake();
    fake.grant(PARTNER);
    await syncHostScripts(fake.deps());
    fake.registerCalls = [];
    fake.injected = [];
    expect(await syncHostScripts(fake.deps())).toEqual({ active: [PARTNER], added: [], removed: [], problems: [] });
    expect(fake.registerCalls).toEqual([]);
    expect(fake.unregisterCalls).toEqual([]);
    expect(fake.injected).toEqual([]);
  });

  it('unregisters a host whose permission was removed, and keeps the others', async () => {
    const fake = new Fake();
    fake.grant(LEGACY);
    fake.grant(PARTNER);
    await syncHostScripts(fake.deps());
    fake.patterns = fake.patterns.filter((p) => p !== `${PARTNER}/*`);
    const result = await syncHostScripts(fake.deps());
    expect(result).toEqual({ active: [LEGACY], added: [], removed: [PARTNER], problems: [] });
    expect(fake.unregisterCalls).toEqual([['impact-host:partners.example.com']]);
    expect(fake.scripts.map((s) => s.id)).toEqual(['impact-host:member.impactradius.com']);
  });

  it('leaves registrations that are not its own alone', async () => {
    const fake = new Fake();
    fake.scripts = [{ id: 'someone-else', matches: ['https://x.example/*'], js: ['x.js'] }];
    await syncHostScripts(fake.deps());
    expect(fake.unregisterCalls).toEqual([]);
  });

  it('replaces a registration that runs another file (an update renamed it) or on other pages', async () => {
    const fake = new Fake();
    fake.grant(PARTNER);
    fake.scripts = [{ id: 'impact-host:partners.example.com', matches: ['https://partners.example.com/*'], js: ['content-scripts/old.js'] }];
    const result = await syncHostScripts(fake.deps());
    expect(fake.unregisterCalls).toEqual([['impact-host:partners.example.com']]);
    expect(fake.scripts).toEqual([{ id: 'impact-host:partners.example.com', matches: ['https://partners.example.com/*'], js: FILES }]);
    expect(result).toMatchObject({ active: [PARTNER], added: [PARTNER], removed: [] });
  });

  it('takes a file the browser reports with a leading slash or its own origin as the same file', async () => {
    const fake = new Fake();
    fake.grant(PARTNER);
    fake.grant(LEGACY);
    fake.scripts = [
      { id: 'impact-host:partners.example.com', matches: ['https://partners.example.com/*'], js: ['/content-scripts/content.js'] },
      { id: 'impact-host:member.impactradius.com', matches: ['https://member.impactradius.com/*'], js: ['moz-extension://0a1b2c/content-scripts/content.js'] },
    ];
    expect(await syncHostScripts(fake.deps())).toMatchObject({ added: [], removed: [] });
  });

  it('registers without matchOriginAsFallback where the browser does not know it', async () => {
    const fake = new Fake();
    fake.noFallback = true;
    fake.grant(PARTNER);
    const result = await syncHostScripts(fake.deps());
    expect(result).toMatchObject({ active: [PARTNER], problems: [] });
    expect(fake.registerCalls.map((s) => s.matchOriginAsFallback)).toEqual([true, undefined]);
    expect(fake.registerCalls[1]).toEqual(hostScript(PARTNER, FILES, false));
  });

  it('one host that cannot be registered does not stop the others, and says so', async () => {
    const fake = new Fake();
    fake.grant(LEGACY);
    fake.grant(PARTNER);
    fake.failRegister.add('impact-host:member.impactradius.com');
    const result = await syncHostScripts(fake.deps());
    expect(result.active).toEqual([PARTNER]);
    expect(result.problems).toEqual(['Could not run the content script on member.impactradius.com: registration refused']);
    expect(fake.injected).toEqual([{ patterns: ['https://partners.example.com/*'], files: FILES }]);
  });

  it('changes nothing when the permissions cannot be read (never unregisters blindly)', async () => {
    const fake = new Fake();
    fake.grant(PARTNER);
    await syncHostScripts(fake.deps());
    fake.failRead = true;
    const result = await syncHostScripts(fake.deps());
    expect(result.problems[0]).toContain('permissions unavailable');
    expect(fake.unregisterCalls).toEqual([]);
    expect(fake.scripts).toHaveLength(1);
  });

  it('a registration that cannot be removed is reported and not registered twice', async () => {
    const fake = new Fake();
    fake.grant(PARTNER);
    fake.scripts = [{ id: 'impact-host:partners.example.com', matches: ['https://partners.example.com/*'], js: ['old.js'] }];
    fake.failUnregister = true;
    const result = await syncHostScripts(fake.deps());
    expect(result.problems).toEqual(['Could not stop the content script on partners.example.com: unregister refused']);
    expect(fake.registerCalls).toEqual([]);
  });

  it('registers nothing when the manifest names no content script file', async () => {
    const fake = new Fake();
    fake.grant(PARTNER);
    fake.files = [];
    expect((await syncHostScripts(fake.deps())).problems).toEqual(['The manifest names no content script file.']);
    expect(fake.registerCalls).toEqual([]);
  });

  it("after an install or update ('all'), the open tabs of every granted host are taken over", async () => {
    const fake = new Fake();
    fake.grant(PARTNER);
    await syncHostScripts(fake.deps());
    fake.injected = [];
    await syncHostScripts(fake.deps(), 'all');
    expect(fake.injected).toEqual([{ patterns: ['https://partners.example.com/*'], files: FILES }]);
  });

  it('queued runs: two triggers of one grant (the overview and onAdded) register once', async () => {
    const fake = new Fake();
    const hosts = createHostScripts(fake.deps());
    fake.grant(PARTNER);
    const [a, b] = await Promise.all([hosts.sync(), hosts.sync()]);
    expect(a.added).toEqual([PARTNER]);
    expect(b).toEqual({ active: [PARTNER], added: [], removed: [], problems: [] });
    expect(fake.registerCalls).toHaveLength(1);
    expect(fake.injected).toHaveLength(1);
  });

  it('a failing run does not block the next one', async () => {
    const fake = new Fake();
    const deps = fake.deps();
    let fail = true;
    const hosts = createHostScripts({ ...deps, registered: async () => (fail ? Promise.reject(new Error('boom')) : deps.registered()) });
    fake.grant(LEGACY);
    expect((await hosts.sync()).problems[0]).toContain('boom');
    expect(fake.unregisterCalls).toEqual([]);
    fail = false;
    expect((await hosts.sync()).added).toEqual([LEGACY]);
  });
});
