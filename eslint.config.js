// Type-aware lint (typescript-eslint): the rules that catch real mistakes in this code base — floating
// promises, unsafe any, needless casts, misused promises — not style (prettier owns formatting).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'migrations/**', 'bench-results/**', '.scratch/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Off: many async functions here implement async interfaces without awaiting anything (fake
      // surfaces, msw handlers, injected callbacks) — `async` is the contract, not a missing await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
