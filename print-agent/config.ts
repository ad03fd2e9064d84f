import { z } from 'zod';

/** The print agent's settings, from the environment (DESIGN §11; README, "Kitchen printers"). */
export interface AgentConfig {
  url: string;
  storeCode: string;
  username: string;
  password: string;
  stateFile: string;
  /** Characters per ticket line: 42 on most 80 mm printers, 32 on 58 mm ones. */
  columns: number;
  /** How often each printer's state is reported (the server marks it offline after 30 s without). */
  reportEveryMs: number;
  /** A safety net besides the event stream: look for tickets this often anyway. */
  pollEveryMs: number;
  /** How long a claimed ticket stays this agent's before the server hands it out again. */
  leaseSeconds: number;
  /** Waits between tries at an unreachable printer: doubling from the first to the last. */
  retryMinMs: number;
  retryMaxMs: number;
}

const schema = z.object({
  TABLEORDER_URL: z.url({ protocol: /^https?$/ }),
  PRINT_AGENT_STORE: z.string().trim().min(1),
  PRINT_AGENT_USERNAME: z.string().trim().min(1),
  PRINT_AGENT_PASSWORD: z.string().min(1),
  PRINT_AGENT_STATE_FILE: z.string().min(1).default('./data/print-agent.json'),
  PRINT_AGENT_COLUMNS: z.coerce.number().int().min(24).max(64).default(42),
});

/** Reads the environment; a missing or bad value throws an error naming the variable. */
export function loadAgentConfig(env: Record<string, string | undefined> = process.env): AgentConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`The print agent's settings are wrong:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    url: e.TABLEORDER_URL,
    storeCode: e.PRINT_AGENT_STORE,
    username: e.PRINT_AGENT_USERNAME,
    password: e.PRINT_AGENT_PASSWORD,
    stateFile: e.PRINT_AGENT_STATE_FILE,
    columns: e.PRINT_AGENT_COLUMNS,
    reportEveryMs: 8_000,
    pollEveryMs: 15_000,
    leaseSeconds: 60,
    retryMinMs: 1_000,
    retryMaxMs: 30_000,
  };
}
