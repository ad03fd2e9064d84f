import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Client from '../../server/db/client.js';
import type * as Schema from '../../server/db/schema/index.js';
import type * as Clock from '../../server/lib/clock.js';
import type * as Passwords from '../../server/lib/passwords.js';
import type * as Tokens from '../../server/modules/auth/auth.tokens.js';
import type * as StoreDefaults from '../../server/modules/stores/stores.defaults.js';

/**
 * What seeding and checking a build's database needs, taken from that build's own compiled code
 * (`<root>/dist/server`): its migrations and schema, its token format. Two builds being compared
 * have different schemas, so neither may seed or open the other's database.
 *
 * Typed as this checkout's modules; the seeding uses only what every compared build has (stores,
 * owners, tables, categories, dishes; option groups where `hasOptions`).
 */
export interface BuildKit {
  root: string;
  openDatabase: typeof Client.openDatabase;
  schema: typeof Schema;
  createTokenService: typeof Tokens.createTokenService;
  systemClock: typeof Clock.systemClock;
  bcryptCost: number;
  /** The build has option groups (Part two's schema). */
  hasOptions: boolean;
  /** What the build gives a new store besides its row (a kitchen station, call presets), where it has that. */
  seedStoreDefaults: typeof StoreDefaults.seedStoreDefaults | null;
}

export async function loadKit(root: string): Promise<BuildKit> {
  const load = <T>(relative: string) =>
    import(pathToFileURL(path.join(root, 'dist', 'server', relative)).href) as Promise<T>;
  const defaultsFile = path.join(root, 'dist', 'server', 'modules', 'stores', 'stores.defaults.js');
  const [client, schema, tokens, clock, passwords, defaults] = await Promise.all([
    load<typeof Client>('db/client.js'),
    load<typeof Schema>('db/schema/index.js'),
    load<typeof Tokens>('modules/auth/auth.tokens.js'),
    load<typeof Clock>('lib/clock.js'),
    load<typeof Passwords>('lib/passwords.js'),
    existsSync(defaultsFile) ? load<typeof StoreDefaults>('modules/stores/stores.defaults.js') : null,
  ]);
  return {
    root,
    openDatabase: client.openDatabase,
    schema,
    createTokenService: tokens.createTokenService,
    systemClock: clock.systemClock,
    bcryptCost: passwords.BCRYPT_COST,
    hasOptions: 'optionGroups' in schema && 'menuOptionGroups' in schema,
    seedStoreDefaults: defaults?.seedStoreDefaults ?? null,
  };
}
