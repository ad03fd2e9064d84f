import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { createLogger } from './lib/logger.js';
import { demoImageAttacher } from './modules/bootstrap/bootstrap.images.js';
import { bootstrap, demoSignInHelp } from './modules/bootstrap/bootstrap.service.js';
import { createImageStorage } from './modules/images/images.storage-factory.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  const logger = createLogger(config);
  // Before anything can fail: a misspelt variable is the likeliest cause of what follows.
  for (const warning of config.warnings) logger.warn({ environment: config.environment }, warning);

  const app = await buildApp(config, { logger });
  const seeded = await bootstrap(app.db, config, demoImageAttacher(app, createImageStorage(config)));
  if (seeded.superadminCreated) app.log.info({ username: seeded.superadminCreated }, 'created the first super-admin');

  await app.listen({ port: config.port, host: config.host });
  if (!config.isProduction) {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    for (const line of demoSignInHelp(config, seeded, `http://localhost:${port}`)) console.log(line);
  }

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error('shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err) => {
  console.error('TableOrder failed to start:', err);
  process.exit(1);
});
