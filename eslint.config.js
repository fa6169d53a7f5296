// @ts-check
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

/**
 * Unit boundaries (see DESIGN.md): a unit may import another unit only through its `index.ts`,
 * and only the units listed for it. Source may never import test code.
 */
const UNITS = ['lib', 'kernel', 'ontology', 'subgraphs', 'router', 'cli', 'test', 'bench'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'coverage/**', '**/*.generated.ts', '**/_prof*.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 8 }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/__tests__/**', '**/*.test.js', '**/*.e2e.js'],
              message: 'Source must not import test code.',
            },
          ],
        },
      ],
    },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
  },
  // Deep imports across units are forbidden: import '<unit>/index.js' only.
  ...UNITS.map((unit) => ({
    files: [`${unit}/**/*.ts`],
    ignores: [`${unit}/**/__tests__/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: UNITS.filter((u) => u !== unit).flatMap((u) =>
                ['../', '../../', '../../../', '../../../../'].flatMap((up) => [`${up}${u}/**`, `!${up}${u}/index.js`]),
              ),
              message: 'Import another unit only through its index.ts.',
            },
            {
              group: ['**/__tests__/**', '**/*.test.js', '**/*.e2e.js'],
              message: 'Source must not import test code.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/**/__tests__/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../kernel/**', '../ontology/**', '../subgraphs/**', '../router/**', '../cli/**', '../../*/**'], message: 'lib/ imports no other unit.' },
          ],
        },
      ],
    },
  },
);
