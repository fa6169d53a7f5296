// @ts-check
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { readdirSync } from 'node:fs';

/**
 * Unit boundaries (see DESIGN.md and README.md): a unit imports another only through that unit's
 * `index.ts`; `lib/` imports no other unit; source never imports test code.
 */
const SUBGRAPHS = readdirSync(new URL('./subgraphs', import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => `subgraphs/${d.name}`);
const UNITS = ['lib', 'kernel', 'ontology', ...SUBGRAPHS, 'router', 'checks', 'cli', 'test', 'bench', 'codegen'];

const zones = UNITS.flatMap((unit) =>
  UNITS.filter((other) => other !== unit).map((other) => ({
    target: `./${unit}`,
    from: `./${other}`,
    except: unit === 'lib' ? [] : ['./index.ts'],
    message: unit === 'lib' ? 'lib/ imports no other unit.' : `Import ${other}/ only through ${other}/index.ts.`,
  })),
);

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'coverage/**', '**/*.generated.ts', '**/_prof*.ts', '.tmp/**', '**/generated/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { maxDepth: 8 }],
      'import-x/no-restricted-paths': ['error', { zones }],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['**/__tests__/**', 'test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/__tests__/**', '**/*.test.js'], message: 'Source must not import test code.' }] },
      ],
    },
  },
);
