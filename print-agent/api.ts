import type { AdminLoginResponse } from '../contract/auth.js';
import type {
  ClaimPrintJobsBody,
  PrinterStatus,
  PrinterStatusBody,
  PrintJob,
  PrintJobHead,
  PrintJobList,
  Station,
  StationList,
} from '../contract/kitchen.js';

export interface Credentials {
  url: string;
  storeCode: string;
  username: string;
  password: string;
}

/** An answer the server gave with an error status (as opposed to no answer at all). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The server's API as the agent uses it, signed in as a kitchen account. A 401 (the token expired
 * or was revoked) signs in again once and repeats the request.
 */
export function createAgentApi(credentials: Credentials) {
  const base = credentials.url.replace(/\/+$/, '');
  let token: string | null = null;

  async function call<T>(method: string, path: string, body?: unknown, retry = true): Promise<T> {
    const current = token ?? (await signIn());
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${current}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (res.status === 401 && retry) {
      token = null;
      return call(method, path, body, false);
    }
    if (!res.ok) throw await httpError(res);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  async function signIn(): Promise<string> {
    const res = await fetch(`${base}/api/v1/auth/admin/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        storeCode: credentials.storeCode,
        username: credentials.username,
        password: credentials.password,
      }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    if (!res.ok) throw await httpError(res);
    const answer = (await res.json()) as AdminLoginResponse;
    token = answer.token;
    return answer.token;
  }

  return {
    base,
    signIn,
    /** The current token, signing in when there is none. */
    token: async () => token ?? (await signIn()),
    forgetToken: () => {
      token = null;
    },
    stations: async (): Promise<Station[]> => (await call<StationList>('GET', '/admin/stations')).stations,
    head: async (): Promise<number> => (await call<PrintJobHead>('GET', '/admin/print-jobs/head')).seq,
    claim: async (body: ClaimPrintJobsBody): Promise<PrintJob[]> =>
      (await call<PrintJobList>('POST', '/admin/print-jobs/claim', body)).jobs,
    ack: (jobId: string, agentId: string) => call<void>('POST', `/admin/print-jobs/${jobId}/ack`, { agentId }),
    report: (stationId: string, body: PrinterStatusBody) =>
      call<PrinterStatus>('PUT', `/admin/stations/${stationId}/printer-status`, body),
  };
}

export type AgentApi = ReturnType<typeof createAgentApi>;

async function httpError(res: Response): Promise<HttpError> {
  let code = 'HTTP_ERROR';
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    code = body.error?.code ?? code;
    message = body.error?.message ?? message;
  } catch {
    // Not the API's JSON (a proxy's page): the status says enough.
  }
  return new HttpError(res.status, code, message);
}
