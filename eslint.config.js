// Lint: typescript-eslint's recommended rules, zero warnings allowed (npm test runs with --max-warnings 0).
// The import-direction rules hold DESIGN.md's architecture ("Three faces, one core"), inner layers included:
// each folder of src may import only the layers listed in LAYER_USES (plus its own files and the shared top-level
// src/errors.ts and src/spec.ts); nothing in src imports cli or web or a Node API; web uses only src's public API.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** The layers of src and the layers each may import (DESIGN.md). */
const LAYER_USES = {
  linalg: [],
  methods: ['linalg'],
  problems: ['linalg'],
  run: ['methods', 'problems'],
  theory: ['methods', 'linalg'],
  certify: ['methods', 'linalg'],
  spectra: ['problems', 'linalg'],
  dynamics: ['linalg'],
  plot: ['linalg', 'methods', 'problems', 'run', 'theory', 'spectra', 'dynamics', 'certify'],
};
const LAYERS = Object.keys(LAYER_USES);

/**
 * Type-only imports admitted on top of LAYER_USES: a method's step takes a Problem (the type of src/problems/problem.ts),
 * and a problem may name a method's types; neither pulls in the other's code.
 */
const TYPE_ONLY_USES = { methods: ['problems'], problems: ['methods'] };

/**
 * Files that still break their layer's rule, exempt from it (they keep the rules for all of src) while the lead rewrites
 * them. TODO(#12): being rewritten.
 */
const PENDING = {
  certify: ['src/certify/heavy-ball-counterexample.ts'], // imports ../problems/lessard-counterexample.js
};

const NO_APP = { group: ['**/cli', '**/cli/**', '**/web', '**/web/**'], message: 'src/ is the library: it must not import cli/ or web/ (DESIGN.md).' };
const NO_NODE = {
  group: ['node:*', ...builtinModules, ...builtinModules.map((m) => `${m}/**`)],
  message: 'src/ runs in the browser too: no Node APIs (DESIGN.md).',
};

/** A layer file `depth` folders below src reaches src/index.ts as '../' * depth + 'index.js': it re-exports every layer. */
const noBarrel = (depth) => ({
  regex: `^(\\.\\./){${depth}}index(\\.[jt]s)?$`,
  message: 'src/index.ts re-exports every layer: import the layer you use (DESIGN.md).',
});

/** The restrictions for the files of `layer` that sit `depth` folders below src. */
function layerPatterns(layer, depth) {
  const patterns = [NO_APP, NO_NODE, noBarrel(depth)];
  for (const other of LAYERS) {
    if (other === layer || LAYER_USES[layer].includes(other)) continue;
    const typeOnly = (TYPE_ONLY_USES[layer] ?? []).includes(other);
    const uses = LAYER_USES[layer].length ? LAYER_USES[layer].join(', ') : 'no other layer';
    patterns.push({
      group: [`**/${other}`, `**/${other}/**`],
      ...(typeOnly ? { allowTypeImports: true } : {}),
      message: `src/${layer} uses ${uses}${typeOnly ? ` (and types of ${other})` : ''}, not ${other} (DESIGN.md's import directions).`,
    });
  }
  return patterns;
}

const layerConfigs = LAYERS.flatMap((layer) => [1, 2].map((depth) => ({
  files: [depth === 1 ? `src/${layer}/*.ts` : `src/${layer}/*/**/*.ts`],
  ignores: PENDING[layer] ?? [],
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: layerPatterns(layer, depth) }] },
})));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-web/**', 'bench/results/**', 'coverage/**', '**/*.min.js', 'report-out/**', 'web/public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // All of src (the layer files below narrow this further; PENDING files keep only this).
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [NO_APP, NO_NODE] }] },
  },
  {
    // The shared top-level files are used by every layer, so they import none.
    files: ['src/errors.ts', 'src/spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [NO_APP, NO_NODE, {
          group: LAYERS.flatMap((l) => [`./${l}`, `./${l}/**`]), message: 'src/errors.ts and src/spec.ts are shared by every layer: they import no layer.',
        }],
      }],
    },
  },
  ...layerConfigs,
  {
    // The explorer reaches src only through its public API, src/index.ts (web/src/lib.ts re-exports it).
    files: ['web/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { regex: '^(\\.\\./)+src/(?!index\\.js$)', message: 'web/ imports only the public API of src/: src/index.ts (through web/src/lib.ts) (DESIGN.md).' },
          { group: ['**/cli', '**/cli/**'], message: 'web/ does not import cli/.' },
        ],
      }],
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/web', '**/web/**'], message: 'cli/ does not import web/.' }] }] },
  },
);
