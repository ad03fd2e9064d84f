import { createPrintAgent, type Log } from './agent.js';
import { loadAgentConfig } from './config.js';

/**
 * `npm run print-agent`: prints a store's kitchen tickets on the restaurant's network printers.
 * Settings come from the environment (TABLEORDER_URL, PRINT_AGENT_STORE, PRINT_AGENT_USERNAME,
 * PRINT_AGENT_PASSWORD, PRINT_AGENT_STATE_FILE); logs are JSON lines on stdout.
 */
const log: Log = (level, message, data = {}) => {
  const line = JSON.stringify({ time: new Date().toISOString(), level, msg: message, ...data });
  if (level === 'error') console.error(line);
  else console.log(line);
};

async function main(): Promise<void> {
  let config: ReturnType<typeof loadAgentConfig>;
  try {
    config = loadAgentConfig();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(2);
  }
  const agent = createPrintAgent(config, { log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log('info', 'stopping', { signal });
    await agent.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  for (;;) {
    try {
      await agent.start();
      log('info', 'print agent started', { url: config.url, store: config.storeCode, state: config.stateFile });
      return;
    } catch (err) {
      // The server may not be up yet (a power cut brings everything back at once): keep trying.
      log('error', 'could not start; trying again in 10 s', {
        error: err instanceof Error ? err.message : String(err),
      });
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  }
}

void main();
