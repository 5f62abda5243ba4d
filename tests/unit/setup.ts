import '@testing-library/jest-dom/vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterEach, beforeEach } from 'vitest';
import { cleanup } from '@testing-library/react';
import { installFakePermissions } from './fake-permissions';

beforeEach(() => {
  fakeBrowser.reset();
  installFakePermissions();
});

afterEach(() => {
  cleanup();
});
