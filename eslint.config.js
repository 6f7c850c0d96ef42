// ESLint 9 flat config: JavaScript and TypeScript recommended rules over the whole package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'bench/data/', 'bench/results/', '.test-results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly', crypto: 'readonly', window: 'readonly', document: 'readonly', navigator: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    // Migrations and the kernel's dialect-neutral helpers work on the untyped Kysely<any>.
    files: ['src/server/migrations/**', 'src/server/kernel/db/migrate.ts', 'src/server/kernel/crypto/rotation.ts', 'src/server/kernel/audit/chain.ts', 'src/server/kernel/http/route.ts', 'src/server/testing/tamper.ts', 'src/server/testing/http.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
