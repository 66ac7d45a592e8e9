import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { Client as FtpClient, FTPError } from 'basic-ftp';
import { parseText } from '../../domain/line-format';
import type { CircuitState } from '../../domain/provider-calls';
import { ParseError, ProviderError, errorMessage, type ProviderErrorKind } from '../../shared/errors';
import { CircuitBreaker } from '../circuit-breaker';
import type { ProviderDeps } from '../from-config';
import { excerpt, nullHealthSink } from '../http';
import { ibkrStockLoanFormat, parseBof, type StockLoanRow } from './stock-loan-file';

// IBKR's stock-loan file over anonymous FTP (FORMATS-keyless.md §2): user `shortstock`, empty password,
// one file per country (`usa.txt`) beside its `.md5`. One download per snapshot, no retries: the job comes
// back in 30 minutes, and a host that keeps failing opens the circuit like an HTTP provider's. Every call
// is recorded in provider health (`status` is the FTP reply code, null when no answer came), so /status,
// doctor and the data-cause sentence name the host the same way as for the HTTP sources.
//
// The md5 companion is computed over the text read with LF line ends while the file is served with CRLF
// [3P]; a digest over the bytes as served is accepted too. A mismatch is a torn read (IBKR rewrote the file
// during the transfer): the snapshot is refused, never stored half.

export const IBKR_PROVIDER = 'ibkr';

export interface StockLoanFetch {
  takenAt: string;
  publishedOn: string;
  records: StockLoanRow[];
  bytes: number;
  /** verified, or why not */
  md5: 'verified' | 'no companion file' | 'off';
  url: string;
}

function endpoint(baseUrl: string): { host: string; port: number } {
  const u = new URL(baseUrl);
  return { host: u.hostname, port: u.port ? Number(u.port) : 21 };
}

/** 550 is the usual "no such file"; some servers (ftp-srv among them) answer 551 */
const noSuchFile = (err: unknown) => err instanceof FTPError && (err.code === 550 || err.code === 551);

/** A basic-ftp or socket error → ProviderError kind and the FTP code (null: no answer from the server). */
function classify(err: unknown): { kind: ProviderErrorKind; code: number | null } {
  if (err instanceof FTPError) {
    if (noSuchFile(err)) return { kind: 'not_found', code: err.code };
    if (err.code === 530) return { kind: 'unauthorized', code: 530 };
    return { kind: 'http', code: err.code };
  }
  return { kind: /timeout/i.test(errorMessage(err)) ? 'timeout' : 'network', code: null };
}

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function sink(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
}

export function createIbkrClient(deps: ProviderDeps) {
  const cfg = () => deps.config.providers.ibkr;
  const health = deps.health ?? nullHealthSink;
  const log = deps.logger.child({ provider: IBKR_PROVIDER });
  const eh = deps.config.performance.error_handling;
  const breaker = new CircuitBreaker(
    {
      failures: eh.circuit_breaker.failures,
      windowMs: eh.circuit_breaker.window_seconds * 1000,
      openMs: eh.circuit_breaker.open_seconds * 1000,
    },
    deps.clock,
    (state: CircuitState, at) => {
      log.warn({ state }, 'circuit changed');
      health.circuit(IBKR_PROVIDER, state, at);
    },
  );
  const urlOf = (file: string) => `${cfg().base_url.replace(/\/+$/, '')}/${file}`;

  /** Logs in, runs `work`, closes; records the call and turns any failure into a ProviderError. */
  async function session<T>(file: string, work: (ftp: FtpClient) => Promise<T>): Promise<T> {
    if (!breaker.allow()) {
      const retryAt = breaker.retryAt();
      throw new ProviderError(IBKR_PROVIDER, 'circuit_open', {
        message: `${IBKR_PROVIDER}: circuit open after repeated failures${retryAt ? `; next probe at ${retryAt.toISOString()}` : ''}`,
      });
    }
    const { host, port } = endpoint(cfg().base_url);
    const ftp = new FtpClient(cfg().timeout_ms);
    const at = deps.clock.now();
    const t0 = performance.now();
    const url = urlOf(file);
    try {
      await ftp.access({ host, port, user: cfg().user, password: '', secure: false });
      const out = await work(ftp);
      health.call({ provider: IBKR_PROVIDER, url, ok: true, status: 226, ms: performance.now() - t0, at });
      breaker.success();
      return out;
    } catch (err) {
      const { kind, code } = classify(err);
      const reason = errorMessage(err);
      health.call({
        provider: IBKR_PROVIDER,
        url,
        ok: false,
        status: code,
        ms: performance.now() - t0,
        error: reason,
        at,
      });
      // a server that answers (a missing file, a refused login) is up: only silence counts towards the circuit
      if (code === null) breaker.failure();
      else breaker.success();
      throw new ProviderError(IBKR_PROVIDER, kind, { message: `${IBKR_PROVIDER}: ${reason} (${url})`, cause: err });
    } finally {
      ftp.close();
    }
  }

  async function download(ftp: FtpClient, file: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await ftp.downloadTo(sink(chunks), file);
    return Buffer.concat(chunks);
  }

  /** The md5 companion's digest, or null when the server has none. */
  async function companion(ftp: FtpClient, file: string): Promise<string | null> {
    try {
      const text = (await download(ftp, `${file}.md5`)).toString('latin1');
      return /[0-9a-f]{32}/i.exec(text)?.[0]?.toLowerCase() ?? null;
    } catch (err) {
      if (noSuchFile(err)) return null;
      throw err;
    }
  }

  function parse(body: Buffer, file: string, url: string): Omit<StockLoanFetch, 'md5'> {
    const text = body.toString('latin1');
    try {
      const { records } = parseText(ibkrStockLoanFormat, file, text);
      const stamp = parseBof(text.slice(0, text.indexOf('\n') >>> 0))!;
      return { ...stamp, records, bytes: body.length, url };
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      throw new ProviderError(IBKR_PROVIDER, 'malformed', {
        message: `${IBKR_PROVIDER}: ${err.message}`,
        cause: err,
        excerpt: excerpt(text),
      });
    }
  }

  return {
    /** Downloads and parses the configured country file; throws ProviderError (malformed: refused whole). */
    async fetchStockLoan(): Promise<StockLoanFetch> {
      const file = cfg().file;
      const url = urlOf(file);
      const { body, digest } = await session(file, async (ftp) => {
        const got = await download(ftp, file);
        return { body: got, digest: cfg().verify_md5 ? await companion(ftp, file) : undefined };
      });
      const parsed = parse(body, file, url);
      let md5: StockLoanFetch['md5'] = 'off';
      if (digest === null) md5 = 'no companion file';
      else if (digest !== undefined) {
        const served = body.toString('latin1');
        if (digest !== md5Hex(served.replace(/\r\n/g, '\n')) && digest !== md5Hex(served)) {
          throw new ProviderError(IBKR_PROVIDER, 'malformed', {
            message: `${IBKR_PROVIDER}: ${file} does not match ${file}.md5 (rewritten during the download?)`,
          });
        }
        md5 = 'verified';
      }
      log.info({ file, rows: parsed.records.length, bytes: parsed.bytes, md5 }, 'stock-loan file read');
      return { ...parsed, md5 };
    },
    /** doctor: logs in and asks the file's size (no download). */
    async ping(): Promise<void> {
      const file = cfg().file;
      await session(file, (ftp) => ftp.size(file));
    },
    circuitState: (): CircuitState => breaker.state,
  };
}

export type IbkrClient = ReturnType<typeof createIbkrClient>;
