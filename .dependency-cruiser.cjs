/**
 * Import boundaries of ARCHITECTURE.md, enforced in `npm test` (npm run boundaries).
 * A rule here is the only place a boundary lives; a folder name alone enforces nothing.
 */
module.exports = {
  forbidden: [
    {
      name: 'engines-are-pure',
      comment: 'engines/ are pure deterministic solvers: they import nothing of ours and do no I/O',
      severity: 'error',
      from: { path: '^engines/' },
      to: { path: '^(server|web|contracts|demo|bench|e2e)/' },
    },
    {
      name: 'engines-no-io',
      severity: 'error',
      from: { path: '^engines/' },
      to: {
        dependencyTypes: ['core'],
        path: '^(fs|net|http|https|child_process|dgram|cluster|worker_threads)$',
      },
    },
    {
      name: 'contracts-only-zod-and-engines',
      comment: 'contracts/ are zod schemas shared by server and web: only zod and engine types',
      severity: 'error',
      from: { path: '^contracts/' },
      to: { pathNot: '^(contracts/|engines/|node_modules/zod/)' },
    },
    {
      name: 'web-never-imports-server',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(server|demo|bench)/' },
    },
    {
      name: 'server-never-imports-web',
      severity: 'error',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'core-never-imports-a-module',
      severity: 'error',
      from: { path: '^server/core/' },
      to: { path: '^server/modules/' },
    },
    {
      name: 'modules-meet-through-index',
      comment: 'a module reaches another only through its index.ts',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: {
        path: '^server/modules/([^/]+)/',
        pathNot: ['^server/modules/$1/', '^server/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: '(node_modules|web/dist|data)/' },
  },
};
