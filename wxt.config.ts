import { defineConfig } from 'wxt';

/**
 * One manifest for both browsers. Firefox gets Manifest V3 as well (not WXT's MV2 default):
 * the same `action`, `alarms` and non-persistent background model as Chrome, so the
 * "the worker can stop at any time" design is exercised in both browsers.
 */
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  // Only app.impact.com is ever touched; see README "Permissions".
  manifest: ({ browser }) => ({
    name: 'TikTok Deliverable Helper for impact.com',
    description:
      'One-click TikTok invite links, campaign codes and QR codes on impact.com, a step tracker, and automatic "Retrieve my post".',
    permissions: ['storage', 'alarms', 'notifications'],
    host_permissions: ['https://app.impact.com/*'],
    action: { default_title: 'TikTok deliverables' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'tiktok-deliverable-helper@creators.example',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  outDir: process.env.WXT_OUT_DIR ?? '.output',
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
  },
});
