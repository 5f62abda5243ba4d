// Family "fuzz": the seeded markup fuzzer (tests/replica/fuzz) rendering the replica scenario in the browser.
// The URL names the view (Participating, My Campaign Tasks, task details; ?frame=details inside an iframe modal)
// in the seed's URL style; the seed (?seed=N) decides all the markup. Retrieve my post calls the replica API,
// so /__replica/retrieves logs it. ?rerenderMs=N re-renders (replaces nodes) every N ms; ?lang= overrides the language.
import { generatePage, scenarioData, parseFuzzLocation } from '../fuzz/generate.mjs';

// Set before anything async: a parent page waiting for this frame reads it on the frame's load event.
let resolveReady;
let rejectReady;
window.__fuzzReady = new Promise((ok, fail) => {
  resolveReady = ok;
  rejectReady = fail;
});

try {
  const boot = JSON.parse(document.getElementById('initial-state')?.textContent ?? '{}');
  const route = parseFuzzLocation(location.href);
  const seed = route.seed ?? Number(boot.seed ?? 0);
  // statuses and posts retrieved earlier (server state survives reloads until /__replica/reset)
  let state = {};
  try {
    const res = await fetch('/__replica/state', { headers: { Accept: 'application/json' } });
    if (res.ok) state = await res.json();
  } catch {
    /* render the scenario as it starts */
  }
  const params = new URLSearchParams(location.search);
  const rerenderMs = Number(params.get('rerenderMs') ?? 0);
  const page = generatePage({
    seed,
    doc: document,
    data: scenarioData(state, boot.accountId),
    frameMode: 'src',
    language: route.lang ?? undefined,
    route: { ...route, seed },
    replicaExtra: rerenderMs > 0 ? { rerenderMs: String(rerenderMs) } : {},
    look: 'full',
  });
  window.__fuzz = page;
  if (rerenderMs > 0) setInterval(() => page.rerender(), rerenderMs);
  page.ready.then(() => resolveReady(), rejectReady);
} catch (e) {
  rejectReady(e);
  throw e;
}
