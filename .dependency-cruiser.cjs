/**
 * Imports point one way: model → renderer → hooks → components → engine → runTask/createAgent →
 * testing and prebuilt. Type-only imports count too. `npm test` runs this (npm run lint:deps).
 */
const layer = (name, mayNotImport) => ({
  name: `${name}-imports-downward-only`,
  comment: `src/${name} may not import ${mayNotImport.join(', ')}`,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: `^src/(${mayNotImport.join('|')})(/|\\.ts)` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No runtime import cycles. Across folders the layer rules below forbid type-only ones too; inside one folder a type may name its neighbour.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    layer('model', ['renderer', 'hooks', 'components', 'engine', 'testing', 'prebuilt', 'index', 'run-task', 'create-agent']),
    layer('renderer', ['hooks', 'components', 'engine', 'testing', 'prebuilt', 'index', 'run-task', 'create-agent']),
    layer('hooks', ['components', 'engine', 'testing', 'prebuilt', 'index', 'run-task', 'create-agent']),
    layer('components', ['engine', 'testing', 'prebuilt', 'index', 'run-task', 'create-agent']),
    layer('engine', ['testing', 'prebuilt', 'index', 'run-task', 'create-agent']),
    layer('prebuilt', ['testing']),
    layer('testing', ['prebuilt']),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { conditionNames: ['source', 'import', 'types', 'default'] },
  },
};
