/**
 * The flags every automated Chromium of this project runs with (e2e tests, the bench): the
 * production build loaded (or none, for the bench's plain browser), the replica reached as
 * https://app.impact.com, and nothing of the browser's own talking to the network.
 */
export function chromiumArgs(replicaPort, extensionDir) {
  return [
    ...(extensionDir ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
    `--host-resolver-rules=MAP app.impact.com:443 127.0.0.1:${replicaPort}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}
