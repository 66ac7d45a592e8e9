import { z, type ZodType, type ZodTypeDef } from 'zod';
import type { OtcWeeklyRecord, ShortInterestRecord, ShortVolumeRecord } from '../../domain/market-data';
import { ProviderError } from '../../shared/errors';
import { excerpt, parsePayload } from '../http';
import { httpClientFor, type ProviderDeps } from '../from-config';
import { createFinraTokenSource, type TokenSource } from './api-auth';
import {
  dateFilters,
  MAX_PAGE_SIZE,
  parseRecordTotal,
  symbolBatches,
  tierIdentifiers,
  type DomainFilter,
  type QueryBody,
  type QueryFilters,
} from './api-query';
import { mapRegShoDaily, mapShortInterest, mapWeeklySummary, tierOf } from './map';
import { regShoDailyRowSchema, shortInterestRowSchema, weeklySummaryRowSchema } from './schemas';

// FINRA Query API (otcMarket group): short interest, Reg SHO daily volume by facility, and OTC
// transparency weekly summaries. Whole market by date in as few requests as paging allows
// (`limit` up to 5000, `Record-Total` says when to stop). Credentials are optional: without them
// the requests go out unauthenticated, and a refusal says that credentials are needed.

const PROVIDER = 'finra_api';
const GROUP = 'otcMarket';
/** A runaway guard: 2,000 pages of 5,000 rows is far beyond any otcMarket dataset for one query. */
const MAX_PAGES = 2000;

export interface FinraApiDeps extends ProviderDeps {
  clientId?: string;
  clientSecret?: string;
}

export interface ShortInterestQuery {
  settlementDate?: string;
  from?: string;
  to?: string;
  symbols?: string[];
}
export interface RegShoDailyQuery {
  date?: string;
  from?: string;
  to?: string;
  symbols?: string[];
}
export interface WeeklySummaryQuery {
  weekStart?: string;
  symbols?: string[];
  tier?: 'T1' | 'T2' | 'OTC';
  summaryTypes?: string[];
  /** weeklySummaryHistoric (~4 years) instead of weeklySummary (rolling 12 months) */
  historic?: boolean;
}

export function createFinraApiClient(deps: FinraApiDeps) {
  const section = deps.config.providers.finra_api;
  const pageSize = Math.min(section.page_size, MAX_PAGE_SIZE);
  const http = httpClientFor(PROVIDER, deps);
  const log = deps.logger.child({ provider: PROVIDER });
  const auth: TokenSource | null =
    deps.clientId && deps.clientSecret
      ? createFinraTokenSource({ ...deps, clientId: deps.clientId, clientSecret: deps.clientSecret })
      : null;
  const today = () => deps.clock.now().toISOString().slice(0, 10);

  async function postPage(dataset: string, body: QueryBody): Promise<{ rows: unknown[]; total: number | null }> {
    const path = `data/group/${GROUP}/name/${dataset}`;
    for (let attempt = 0; ; attempt++) {
      const token = auth ? await auth.token() : null;
      const response = await http.request(path, {
        method: 'POST',
        json: body,
        headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        acceptStatus: [401, 403],
      });
      const raw = await response.text();
      if (response.status === 401 || response.status === 403) {
        // a cached token may have been revoked or expired early: one fresh token, then give up
        if (auth && response.status === 401 && attempt === 0) {
          auth.invalidate();
          continue;
        }
        throw new ProviderError(PROVIDER, 'unauthorized', {
          status: response.status,
          message: auth
            ? `finra_api: ${dataset} refused the credentials (HTTP ${response.status})`
            : `finra_api: ${dataset} needs credentials (HTTP ${response.status}); set FINRA_CLIENT_ID and FINRA_CLIENT_SECRET`,
          excerpt: excerpt(raw),
        });
      }
      const total = parseRecordTotal(response.headers.get('record-total'));
      if (response.status === 204 || raw.trim() === '') return { rows: [], total: total ?? 0 };
      let data: unknown;
      try {
        data = JSON.parse(raw);
      } catch (cause) {
        throw new ProviderError(PROVIDER, 'malformed', {
          message: `finra_api: ${dataset} answered with something that is not JSON`,
          excerpt: excerpt(raw),
          cause,
        });
      }
      if (!Array.isArray(data)) {
        throw new ProviderError(PROVIDER, 'malformed', {
          message: `finra_api: ${dataset} answered with JSON that is not a list of rows`,
          excerpt: excerpt(raw),
        });
      }
      return { rows: data, total };
    }
  }

  /** Every row of one query, page by page; each page validated as a whole (junk rejects the page). */
  async function fetchAll<R>(
    dataset: string,
    filters: QueryFilters,
    schema: ZodType<R, ZodTypeDef, unknown>,
  ): Promise<R[]> {
    // parsePayload's signature assumes input = output; these schemas transform strings to numbers
    const rowsSchema = z.array(schema) as unknown as ZodType<R[]>;
    const out: R[] = [];
    let offset = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const { rows, total } = await postPage(dataset, { ...filters, limit: pageSize, offset });
      out.push(...parsePayload(PROVIDER, rowsSchema, rows, `${dataset} rows at offset ${offset}`));
      offset += rows.length;
      log.debug({ dataset, offset, total, rows: rows.length }, 'page fetched');
      // Record-Total decides; without it a short page is the last one
      if (rows.length === 0 || (total !== null ? offset >= total : rows.length < pageSize)) return out;
    }
    throw new ProviderError(PROVIDER, 'malformed', {
      message: `finra_api: ${dataset} paging did not end after ${MAX_PAGES} pages`,
    });
  }

  async function fetchBatched<R>(
    dataset: string,
    symbolField: string,
    symbols: string[] | undefined,
    base: QueryFilters,
    schema: ZodType<R, ZodTypeDef, unknown>,
  ): Promise<R[]> {
    const out: R[] = [];
    for (const domain of symbolBatches(symbolField, symbols)) {
      out.push(...(await fetchAll(dataset, { ...base, domainFilters: [...base.domainFilters, ...domain] }, schema)));
    }
    return out;
  }

  function keep<T>(dataset: string, mapped: ({ record: T } | { skip: string })[]): T[] {
    const records: T[] = [];
    const skipped = new Map<string, number>();
    for (const m of mapped) {
      if ('record' in m) records.push(m.record);
      else skipped.set(m.skip, (skipped.get(m.skip) ?? 0) + 1);
    }
    if (skipped.size > 0) log.info({ dataset, skipped: Object.fromEntries(skipped) }, 'rows skipped');
    return records;
  }

  return {
    http,

    /** Whether a client id and secret were given: without them some datasets may refuse (callers choose a keyless path). */
    hasCredentials(): boolean {
      return auth !== null;
    },

    async shortInterest(q: ShortInterestQuery): Promise<ShortInterestRecord[]> {
      const base: QueryFilters = {
        ...dateFilters('settlementDate', { on: q.settlementDate, from: q.from, to: q.to }, today()),
        domainFilters: [],
      };
      const rows = await fetchBatched(
        'consolidatedShortInterest',
        'symbolCode',
        q.symbols,
        base,
        shortInterestRowSchema,
      );
      return rows.map(mapShortInterest);
    },

    /** One record per symbol, day and facility (FNQC/FNSQ/FNYX/...); never a consolidated row. */
    async regShoDaily(q: RegShoDailyQuery): Promise<ShortVolumeRecord[]> {
      const base: QueryFilters = {
        ...dateFilters('tradeReportDate', { on: q.date, from: q.from, to: q.to }, today()),
        domainFilters: [],
      };
      const rows = await fetchBatched(
        'regShoDaily',
        'securitiesInformationProcessorSymbolIdentifier',
        q.symbols,
        base,
        regShoDailyRowSchema,
      );
      return keep(
        'regShoDaily',
        rows.map((r) => mapRegShoDaily(r)),
      );
    },

    /** Symbol rows only: firm totals and volume statistics carry no symbol and are skipped. */
    async weeklySummary(q: WeeklySummaryQuery): Promise<OtcWeeklyRecord[]> {
      const dataset = q.historic ? 'weeklySummaryHistoric' : 'weeklySummary';
      const domainFilters: DomainFilter[] = [];
      if (q.tier) domainFilters.push({ fieldName: 'tierIdentifier', values: tierIdentifiers(q.tier) });
      if (q.summaryTypes?.length) domainFilters.push({ fieldName: 'summaryTypeCode', values: q.summaryTypes });
      const base: QueryFilters = { ...dateFilters('weekStartDate', { on: q.weekStart }, today()), domainFilters };
      const rows = await fetchBatched(dataset, 'issueSymbolIdentifier', q.symbols, base, weeklySummaryRowSchema);
      const wanted = q.tier ? rows.filter((r) => tierOf(r.tierIdentifier, r.tierDescription) === q.tier) : rows;
      return keep(
        dataset,
        wanted.map((r) => mapWeeklySummary(r)),
      );
    },

    /** One tiny request (a token first when configured); bad credentials → ProviderError 'unauthorized'. */
    async ping(): Promise<void> {
      await postPage('consolidatedShortInterest', {
        fields: ['settlementDate'],
        compareFilters: [],
        dateRangeFilters: [],
        domainFilters: [],
        limit: 1,
        offset: 0,
      });
    },

    /** HTTP calls made so far (data and token, retries included). */
    requestCount(): number {
      return http.stats.calls + (auth?.stats.calls ?? 0);
    },
  };
}

export type FinraApiClient = ReturnType<typeof createFinraApiClient>;
