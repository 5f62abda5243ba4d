import '../../utils/zod-messages';
import '@testing-library/jest-dom/vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { installFakePermissions } from './fake-permissions';
import { installFakeI18n } from './fake-i18n';

// English: the tests find controls by the names of ui-contract.md.
installFakeI18n('en');

beforeEach(() => {
  fakeBrowser.reset();
  installFakePermissions();
  installFakeI18n('en');
});

afterEach(() => {
  cleanup();
});
