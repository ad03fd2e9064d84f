import { afterEach, describe, expect, test, vi } from 'vitest';
import { ERROR_CODES } from '@contract/errors';
import { ApiError, codeForStatus, createApiClient } from './client';

afterEach(() => vi.unstubAllGlobals());

/** Answers every fetch with this response and records the requests. */
function answer(make: () => Response) {
  const calls: Array<{ url: string; init: RequestInit }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return make();
    }),
  );
  return calls;
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe('requests', () => {
  test('JSON in and out with the bearer token, below /api/v1', async () => {
    const calls = answer(json(200, { ok: true }));
    const api = createApiClient({ getToken: () => 'tok' });
    await expect(api.post('/admin/tables', { number: 3 })).resolves.toEqual({ ok: true });
    const [call] = calls;
    expect(call?.url).toBe('/api/v1/admin/tables');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.body).toBe('{"number":3}');
    expect(call?.init.headers).toMatchObject({ authorization: 'Bearer tok', 'content-type': 'application/json' });
  });

  test('anonymous calls carry no token', async () => {
    const calls = answer(json(200, {}));
    await createApiClient({ getToken: () => 'tok' }).post('/auth/admin/login', {}, { anonymous: true });
    expect(calls[0]?.init.headers).not.toHaveProperty('authorization');
  });

  test('204 resolves to undefined', async () => {
    answer(() => new Response(null, { status: 204 }));
    await expect(createApiClient({ getToken: () => 't' }).delete('/admin/orders/1')).resolves.toBeUndefined();
  });
});

describe('errors', () => {
  test('the contract error is carried: status, code, message, details', async () => {
    answer(json(409, { error: { code: 'MENU_SOLD_OUT', message: 'Sold out', details: { menuIds: ['m1'] } } }));
    const error = await failure(createApiClient({ getToken: () => 't' }).post('/table/orders', {}));
    expect(error.status).toBe(409);
    expect(error.code).toBe('MENU_SOLD_OUT');
    expect(error.message).toBe('Sold out');
    expect(error.details).toEqual({ menuIds: ['m1'] });
    expect(error.isNetwork).toBe(false);
  });

  test('no answer at all is NETWORK_ERROR with status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = await failure(createApiClient({ getToken: () => 't' }).get('/table/menu'));
    expect(error.code).toBe('NETWORK_ERROR');
    expect(error.status).toBe(0);
    expect(error.isNetwork).toBe(true);
  });

  test('an aborted call rejects with the abort, not as a network failure', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new DOMException('aborted', 'AbortError');
      }),
    );
    const error = await createApiClient({ getToken: () => 't' })
      .get('/table/menu')
      .catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });

  test('a non-JSON error page gets the code that fits its status', async () => {
    answer(() => new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = await failure(createApiClient({ getToken: () => 't' }).get('/admin/dashboard'));
    expect(error.code).toBe('INTERNAL_ERROR');
    expect(error.message).toBe('Bad Gateway');
  });

  test('a code the contract does not know is replaced by the status’s', async () => {
    answer(json(400, { error: { code: 'SOMETHING_NEW', message: 'New', details: {} } }));
    const error = await failure(createApiClient({ getToken: () => 't' }).get('/x'));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('New');
  });

  test('Retry-After is read in seconds', async () => {
    answer(json(429, { error: { code: 'RATE_LIMITED', message: 'slow down', details: {} } }, { 'retry-after': '12' }));
    const error = await failure(createApiClient({ getToken: () => null }).get('/x'));
    expect(error.retryAfter).toBe(12);
  });

  test('a 401 on a call with a token reports it; without a token it does not', async () => {
    answer(json(401, { error: { code: 'TOKEN_EXPIRED', message: 'expired', details: {} } }));
    const onUnauthorized = vi.fn();
    await failure(createApiClient({ getToken: () => 'tok', onUnauthorized }).get('/admin/dashboard'));
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(onUnauthorized.mock.calls[0]?.[0]).toMatchObject({ code: 'TOKEN_EXPIRED' });

    onUnauthorized.mockClear();
    await failure(
      createApiClient({ getToken: () => 'tok', onUnauthorized }).post('/auth/admin/login', {}, { anonymous: true }),
    );
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  test('field errors are keyed by field name, first message wins', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid', {
      fields: [
        { path: 'body.price', message: 'too big' },
        { path: 'body.price', message: 'second' },
        { path: 'querystring.from', message: 'bad date' },
        { path: 'name', message: 'required' },
      ],
    });
    expect(error.fieldErrors()).toEqual({ price: 'too big', from: 'bad date', name: 'required' });
  });
});

describe('codeForStatus', () => {
  test.each([
    [400, 'BAD_REQUEST'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [409, 'BAD_REQUEST'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [429, 'RATE_LIMITED'],
    [500, 'INTERNAL_ERROR'],
    [502, 'INTERNAL_ERROR'],
    [503, 'SERVICE_UNAVAILABLE'],
  ] as const)('%i → %s', (status, code) => {
    expect(codeForStatus(status)).toBe(code);
  });

  test('always a code of the contract', () => {
    for (let status = 400; status < 600; status += 1) expect(ERROR_CODES).toContain(codeForStatus(status));
  });
});
