import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';

/**
 * What the agent keeps across restarts. `printed` lists jobs the printer took but the server has
 * not yet heard about: after a crash or a lost connection they are acknowledged, not printed again.
 */
export interface AgentState {
  version: 1;
  /** This agent's name in the server's leases. */
  agentId: string;
  /** The queue head when the agent first started: older tickets are not its to print. */
  startSeq: number;
  /** The cursor of the last store event whose tickets are all printed (Last-Event-ID on reconnect). */
  lastEventId: string | null;
  printed: string[];
}

export function newState(startSeq: number): AgentState {
  const host = hostname()
    .replace(/[^A-Za-z0-9.-]/g, '-')
    .slice(0, 30);
  return { version: 1, agentId: `${host}-${randomUUID().slice(0, 8)}`, startSeq, lastEventId: null, printed: [] };
}

export async function loadState(file: string): Promise<AgentState | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = JSON.parse(text) as Partial<AgentState>;
  if (parsed.version !== 1 || typeof parsed.agentId !== 'string' || typeof parsed.startSeq !== 'number') {
    throw new Error(`${file} is not a print agent state file; move it away to start afresh`);
  }
  return {
    version: 1,
    agentId: parsed.agentId,
    startSeq: parsed.startSeq,
    lastEventId: typeof parsed.lastEventId === 'string' ? parsed.lastEventId : null,
    printed: Array.isArray(parsed.printed) ? parsed.printed.filter((id) => typeof id === 'string') : [],
  };
}

/**
 * Writes the state so that a crash at any moment leaves the old file or the new one, never half
 * of one: a temporary file, flushed to disk, then renamed over.
 */
export async function saveState(file: string, state: AgentState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(state, null, 2)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
