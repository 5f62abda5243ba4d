/**
 * The flags every automated Chromium of this project runs with (e2e tests, the bench): the
 * production build loaded (or none, for the bench's plain browser), the replica reached as
 * https://app.impact.com with its self-signed certificate trusted by its key (and no other
 * certificate error ignored), and nothing of the browser's own talking to the network.
 *
 * The certificate is trusted by the browser itself, not only through Playwright's
 * ignoreHTTPSErrors: that one is applied per target over CDP, and a tab the extension's
 * worker opened right after a browser restart sometimes loaded before it took effect and got
 * "Your connection is not private" (a CI failure of the restart test).
 *
 * @param {{ port: number, certSpki: string }} replica
 * @param {string | null} extensionDir
 */
export function chromiumArgs(replica, extensionDir) {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    `--host-resolver-rules=MAP app.impact.com:443 127.0.0.1:${replica.port}`,
    `--ignore-certificate-errors-spki-list=${replica.certSpki}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}
