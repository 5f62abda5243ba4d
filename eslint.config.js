import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output*/**', '.wxt/**', 'node_modules/**', 'docs/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Page text must never become markup: the only way in is textContent / React.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Insert page text with textContent, never as HTML.' },
        { property: 'outerHTML', message: 'Insert page text with textContent, never as HTML.' },
        { property: 'insertAdjacentHTML', message: 'Insert page text with textContent, never as HTML.' },
      ],
      // React's way to insert markup: never (the build also removes it from react-dom, see wxt.config.ts).
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Insert page text as text, never as HTML.' },
        { selector: "NewExpression[callee.name='Function'], CallExpression[callee.name='Function']", message: 'No code from strings.' },
      ],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The replica is a stand-in for impact.com and the tests drive real pages: markup is theirs to write.
    files: ['tests/**'],
    rules: { 'no-restricted-properties': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
