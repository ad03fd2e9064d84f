/**
 * The same rules for the web apps. Their path aliases (web/aliases.ts) are given to the resolver
 * the way a bundler config would give them.
 */
const path = require('node:path');
const base = require('./.dependency-cruiser.cjs');

module.exports = {
  ...base,
  options: {
    ...base.options,
    tsConfig: undefined,
    webpackConfig: { fileName: path.join(__dirname, 'web', 'aliases.resolve.cjs') },
  },
};
