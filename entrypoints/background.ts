import { browser } from 'wxt/browser';
import { handleMessage } from '@/utils/background/router';

export default defineBackground(() => {
  const ownOrigin = browser.runtime.getURL('/');

  browser.runtime.onMessage.addListener((message, sender) =>
    handleMessage(message, sender, {
      ownId: browser.runtime.id,
      ownOrigin,
      overviewUrl: browser.runtime.getURL('/overview.html'),
      async openPage(url) {
        await browser.tabs.create({ url });
      },
    }),
  );
});
