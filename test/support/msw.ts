import { setupServer, type SetupServer } from 'msw/node';
import { http, type PathParams, type RequestHandler } from 'msw';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** An msw server for one test file; any request without a handler fails the test. */
export function useMsw(...handlers: RequestHandler[]) {
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

/** Answers GET `path` from now on, keeping the URL of each request it answers, in order. */
export function recordGets(
  server: Pick<SetupServer, 'use'>,
  path: string,
  answer: (url: URL, params: PathParams) => Response | Promise<Response>,
): URL[] {
  const seen: URL[] = [];
  server.use(
    http.get(path, ({ request, params }) => {
      const url = new URL(request.url);
      seen.push(url);
      return answer(url, params);
    }),
  );
  return seen;
}
