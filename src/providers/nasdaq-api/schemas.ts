import { z } from 'zod';

// Raw shapes of api.nasdaq.com/api/screener/stocks?download=true (FORMATS-keyless §1). Every row value
// is a string; the formats below are what five years of daily snapshots hold. Rows are checked one by
// one (see map.ts) so one odd row is skipped and counted, while a body whose envelope is wrong, or
// that has no rows, fails the fetch.

/** `{"data":{"asOf":null,"headers":{…},"rows":[…]},"message":null,"status":{"rCode":200,…}}` */
export const screenerEnvelopeSchema = z.object({
  data: z
    .object({
      asOf: z.string().nullish(),
      headers: z.record(z.string()).nullish(),
      // without download=true the rows sit in data.table.rows: a missing `rows` is caught here
      rows: z.array(z.unknown()),
    })
    .nullable(),
  message: z.string().nullish(),
  status: z.object({ rCode: z.number(), bCodeMessage: z.unknown().optional() }).passthrough(),
});
export type ScreenerEnvelope = z.infer<typeof screenerEnvelopeSchema>;

const decimal = /^-?\d+(?:\.\d+)?$/;

export const screenerRowSchema = z.object({
  // right-padded in some rows ("ECC           "): trimmed in map.ts
  symbol: z.string().refine((s) => s.trim() !== '', 'empty symbol'),
  name: z.string(),
  /** "$325.00", up to 4 decimals; "NA" when there was no trade */
  lastsale: z.string().regex(/^(?:\$\d+(?:\.\d+)?|NA)$/, 'lastsale is not "$n.nn" or "NA"'),
  /** "-3.19"; positive values carry no "+"; empty without a trade */
  netchange: z.string().regex(/^(?:-?\d+(?:\.\d+)?)?$/, 'netchange is not a number'),
  /** "67.872%"; empty without a previous close */
  pctchange: z.string().regex(/^(?:-?\d+(?:\.\d+)?%)?$/, 'pctchange is not "n.nn%"'),
  volume: z.string().regex(/^\d+$/, 'volume is not digits'),
  /** "22667762000.00", no commas; "" or "0.00" when unknown */
  marketCap: z.string().refine((s) => s === '' || decimal.test(s), 'marketCap is not a number'),
  country: z.string(),
  ipoyear: z.string(),
  industry: z.string(),
  sector: z.string(),
  url: z.string(),
});
export type ScreenerRawRow = z.infer<typeof screenerRowSchema>;

/**
 * The rows of one answer that validate, and the rest counted by reason (the first issue of each), so
 * one odd row never sinks the market while many odd rows show in the count.
 */
export function validScreenerRows(rows: readonly unknown[]): {
  rows: ScreenerRawRow[];
  skipped: Record<string, number>;
} {
  const valid: ScreenerRawRow[] = [];
  const skipped: Record<string, number> = {};
  for (const raw of rows) {
    const parsed = screenerRowSchema.safeParse(raw);
    if (parsed.success) {
      valid.push(parsed.data);
      continue;
    }
    const issue = parsed.error.issues[0];
    const reason = issue ? `${issue.path.join('.') || 'row'}: ${issue.message}` : 'invalid row';
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  }
  return { rows: valid, skipped };
}
