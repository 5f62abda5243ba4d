export default defineContentScript({
  matches: ['https://app.impact.com/*'],
  runAt: 'document_idle',
  main() {
    document.documentElement.dataset.tiktokHelper = 'ready';
  },
});
