/** web/aliases.ts as a bundler-style `resolve` section, for the import-rules check (npm run lint). */
const path = require('node:path');

module.exports = {
  resolve: {
    extensions: ['.ts', '.tsx', '.js'],
    alias: {
      '@contract': path.resolve(__dirname, '../contract'),
      '@shared': path.resolve(__dirname, 'shared'),
      '@customer': path.resolve(__dirname, 'customer'),
      '@admin': path.resolve(__dirname, 'admin'),
      '@superadmin': path.resolve(__dirname, 'superadmin'),
    },
  },
};
