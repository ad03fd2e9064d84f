import path from 'node:path';
import { fileURLToPath } from 'node:url';

const web = path.dirname(fileURLToPath(import.meta.url));

/**
 * The web apps' import aliases, for Vite (the build) and Vitest (the unit tests). They mirror
 * `paths` in web/tsconfig.json, which the type checker reads: change both together.
 */
export const webAliases: Record<string, string> = {
  '@contract': path.resolve(web, '../contract'),
  '@shared': path.resolve(web, 'shared'),
  '@customer': path.resolve(web, 'customer'),
  '@admin': path.resolve(web, 'admin'),
  '@superadmin': path.resolve(web, 'superadmin'),
};
