import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      'no-console': 'error',
      // Records keyed by data (page paths, client ids) are the point of several modules.
      '@typescript-eslint/no-dynamic-delete': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Layering: the shared packages never reach into the server.
    files: [
      'packages/protocol/**',
      'packages/token/**',
      'packages/board/**',
      'packages/sdk/src/**',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@whiteroom/server', '@whiteroom/server/*', '../server/*'],
              message: 'shared packages must not depend on the server',
            },
          ],
        },
      ],
    },
  },
);
