import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FtpSrv } from 'ftp-srv';

// A real FTP server (ftp-srv) on 127.0.0.1 and a random port, serving the files a test writes into its
// root, with IBKR's anonymous login (user `shortstock`, empty password); any other user is refused (530).
//
// ftp-srv answers an empty PASS with 501 where IBKR's server logs the user in: its PASS handler is wrapped
// once so an empty password reaches the login check, as on the real host.

type PassHandler = (this: FtpConn, args: { log: unknown; command: { arg: string | null } }) => unknown;
interface FtpConn {
  username?: string;
  authenticated?: boolean;
  reply(code: number, message?: string): unknown;
  login(user: string, password: string): Promise<unknown>;
}
const registry = createRequire(import.meta.url)('ftp-srv/src/commands/registry') as Record<
  string,
  { handler: PassHandler; emptyPasswordAccepted?: boolean }
>;
const pass = registry.PASS!;
if (!pass.emptyPasswordAccepted) {
  const original = pass.handler;
  pass.handler = function (this: FtpConn, args) {
    if (args.command.arg || !this.username || this.authenticated) return original.call(this, args);
    return this.login(this.username, '').then(
      () => this.reply(230),
      (err: Error) => this.reply(530, err.message || 'Authentication failed'),
    );
  };
  pass.emptyPasswordAccepted = true;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  await new Promise<void>((ok) => server.close(() => ok()));
  return port;
}

export interface TestFtpServer {
  /** `ftp://127.0.0.1:PORT`, for providers.ibkr.base_url */
  url: string;
  /** writes (or replaces) a file served at the root */
  put(name: string, content: string | Buffer): void;
  logins: string[];
  close(): Promise<void>;
}

export async function startFtpServer(): Promise<TestFtpServer> {
  const root = mkdtempSync(join(tmpdir(), 'squeezebot-ftp-'));
  const port = await freePort();
  const logins: string[] = [];
  const silent = { info() {}, debug() {}, trace() {}, warn() {}, error() {}, child: () => silent };
  const server = new FtpSrv({
    url: `ftp://127.0.0.1:${port}`,
    pasv_url: '127.0.0.1',
    pasv_min: 40000,
    pasv_max: 49999,
    anonymous: false,
    greeting: 'test stock-loan server',
    log: silent as never,
  });
  server.on('login', ({ username, password }, resolve, reject) => {
    logins.push(`${username}:${password}`);
    if (username === 'shortstock') resolve({ root });
    else reject(new Error('only shortstock here'));
  });
  await server.listen();
  return {
    url: `ftp://127.0.0.1:${port}`,
    put: (name, content) => writeFileSync(join(root, name), content),
    logins,
    async close() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
