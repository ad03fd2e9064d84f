/**
 * The import rules of the codebase (docs/ARCHITECTURE.md, "Rules the code keeps"), checked by
 * `npm run lint`. test/architecture.test.ts adds the module-level checks (no two modules of
 * server/modules import each other) on the same graph.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Dependencies run one way: a file never reaches itself through its imports.',
      from: { path: '^(server|contract|web|test|bench|e2e|print-agent)/' },
      to: { circular: true },
    },
    {
      name: 'contract-is-a-leaf',
      severity: 'error',
      comment: 'contract/ is shared by server and web: it imports nothing of either.',
      from: { path: '^contract/' },
      to: { path: '^(server|web|test|print-agent)/' },
    },
    {
      name: 'server-and-web-apart',
      severity: 'error',
      comment: 'The server and the web apps meet only in contract/.',
      from: { path: '^server/' },
      to: { path: '^web/' },
    },
    {
      name: 'web-and-server-apart',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(server|test|e2e|bench)/' },
    },
    {
      name: 'routes-are-leaves',
      severity: 'error',
      comment: 'Only app.ts registers routes; nothing else imports a routes file.',
      from: { path: '^server/', pathNot: '^server/app\\.ts$' },
      to: { path: '\\.routes\\.ts$' },
    },
    {
      name: 'jobs-are-leaves',
      severity: 'error',
      comment: 'Only app.ts starts jobs.',
      from: { path: '^server/', pathNot: '^server/app\\.ts$' },
      to: { path: '\\.jobs\\.ts$' },
    },
    {
      name: 'no-cross-feature-imports',
      severity: 'error',
      comment: "A web feature never imports another feature's internals (bulletproof-react).",
      from: { path: '^web/([^/]+)/features/([^/]+)/' },
      to: { path: '^web/$1/features/', pathNot: '^web/$1/features/$2/' },
    },
    {
      name: 'print-agent-stands-alone',
      severity: 'error',
      comment: 'The print agent runs on a restaurant PC: it uses the contract and its own code, nothing of the server.',
      from: { path: '^print-agent/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(server|web|test|e2e|bench|deploy)/' },
    },
    {
      name: 'apps-apart',
      severity: 'error',
      comment: 'The three web apps share code only through web/shared.',
      from: { path: '^web/(customer|admin|superadmin)/' },
      to: { path: '^web/(customer|admin|superadmin)/', pathNot: '^web/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.json'] },
  },
};
