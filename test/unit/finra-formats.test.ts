import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseText, type LineFormat } from '../../src/domain/line-format';
import type { ShortVolumeRecord } from '../../src/domain/market-data';
import {
  finraApiCsvFormats,
  finraApiRegShoCsvFormat,
  finraApiWeeklySummaryCsvFormat,
} from '../../src/providers/finra/api-csv';
import { finraOtcWeeklyFileFormat } from '../../src/providers/finra/otc-weekly-file';
import { finraShortInterestFileFormat } from '../../src/providers/finra/short-interest-file';
import { finraShortVolumeFormat } from '../../src/providers/finra/short-volume-file';
import { ParseError } from '../../src/shared/errors';
import { hasSharedData, sharedPath } from '../support/shared-data';

const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const HEADER_6 = 'Date|Symbol|ShortVolume|ShortExemptVolume|TotalVolume|Market';
const SI_HEADER =
  'accountingYearMonthNumber|symbolCode|issueName|issuerServicesGroupExchangeCode|marketClassCode|currentShortPositionQuantity|previousShortPositionQuantity|stockSplitFlag|averageDailyVolumeQuantity|daysToCoverQuantity|revisionFlag|changePercent|changePreviousNumber|settlementDate';
const OTC_HEADER =
  'tierDescription|issueSymbolIdentifier|issueName|marketParticipantName|MPID|totalWeeklyShareQuantity|totalWeeklyTradeCount|lastUpdateDate';

function parseError(fn: () => unknown): ParseError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ParseError) return err;
    throw err;
  }
  throw new Error('expected a ParseError');
}

/** The formats of this folder that claim a file (importers take the first that does). */
const ALL_FORMATS: LineFormat<unknown>[] = [finraShortVolumeFormat, finraOtcWeeklyFileFormat, ...finraApiCsvFormats];
const claimants = (name: string, header: string) =>
  ALL_FORMATS.filter((f) => f.recognise(name, header)).map((f) => f.kind);

describe('FINRA daily short-volume file', () => {
  it('parses fractional share counts exactly', () => {
    const { records } = parseText(
      finraShortVolumeFormat,
      'CNMSshvol20240614.txt',
      crlf(HEADER_6, '20240614|GME|482143.150276|1200.5|1100000.25|B,Q,N', '1'),
    );
    expect(records[0]).toMatchObject({
      shortVolume: 482143.150276,
      shortExemptVolume: 1200.5,
      totalVolume: 1100000.25,
      facility: 'CNMS',
    });
  });

  it('rejects a trailer that disagrees with the row count, at the trailer line', () => {
    const err = parseError(() =>
      parseText(finraShortVolumeFormat, 'CNMSshvol20240614.txt', crlf(HEADER_6, '20240614|A|1|0|2|B', '2')),
    );
    expect([err.line, err.reason]).toEqual([3, 'trailer says 2 rows, the file has 1']);
  });

  it('rejects a file without its trailer as incomplete', () => {
    const err = parseError(() =>
      parseText(finraShortVolumeFormat, 'CNMSshvol20240614.txt', crlf(HEADER_6, '20240614|A|1|0|2|B')),
    );
    expect(err.reason).toMatch(/no record-count trailer/);
  });

  it('rejects a non-numeric volume naming the line', () => {
    const err = parseError(() =>
      parseText(
        finraShortVolumeFormat,
        'FNSQshvol20240614.txt',
        crlf(HEADER_6, '20240614|A|1|0|2|Q', '20240614|B|1|0|NaN|Q', '2'),
      ),
    );
    expect(err.line).toBe(3);
    expect(err.message).toBe('FNSQshvol20240614.txt:3: TotalVolume is not a number: "NaN"');
  });

  it('reads the pre-2011 five-column layout (no short-exempt column)', () => {
    const text = crlf(
      'Date|Symbol|ShortVolume|TotalVolume|Market',
      '20100104|GME|120000|400000|Q',
      '20100104|AAPL|900|1000|Q',
      '2',
    );
    const { records } = parseText(finraShortVolumeFormat, 'FNSQshvol20100104.txt', text);
    expect(records[0]).toMatchObject({
      symbol: 'GME',
      date: '2010-01-04',
      shortVolume: 120000,
      shortExemptVolume: null,
      totalVolume: 400000,
      facility: 'FNSQ',
    });
  });

  it('accepts an empty day: header and a 0 trailer', () => {
    expect(parseText(finraShortVolumeFormat, 'FNRAshvol20240614.txt', crlf(HEADER_6, '0')).records).toEqual([]);
  });
});

describe('FINRA short-interest files', () => {
  it('reads the pipe-separated shrt file with the API field names', () => {
    const text = crlf(
      SI_HEADER,
      '20210115|GME|GameStop Corporation Class A|N|NYSE|61782730|71196206||29385884|2.10||-13.22|-9413476|2021-01-15',
    );
    const { records } = parseText(finraShortInterestFileFormat, 'shrt20210115.csv', text);
    expect(records).toEqual([
      expect.objectContaining({
        symbol: 'GME',
        shortInterest: 61_782_730,
        previousShortInterest: 71_196_206,
        avgDailyVolume: 29_385_884,
        daysToCoverReported: 2.1,
        splitFlag: false,
        revisionFlag: false,
        publishedOn: '2021-01-27',
      }),
    ]);
  });

  it('reads the legacy names: day-first dates, absolute change, ADV, quoted names with commas', () => {
    const text = crlf(
      'issueSymbolIdentifier,settlementDate,issueName,marketCategoryCode,marketCategoryDescription,currentShortShareNumber,previousShortShareNumber,changePercent,percentageChangefromPreviousShort,averageShortShareNumber,daysToCoverNumber',
      'ZZAB,15-08-2024,"Example Group, Ltd. Sponsored",U,Other OTC,128501,126660,1.45,1841,1209137,1.00',
    );
    expect(claimants('1_-Equity_Short_Intrest_20240902.csv', text.split('\r\n')[0]!)).toEqual(['finra-shortinterest']);
    const [r] = parseText(finraShortInterestFileFormat, 'legacy.csv', text).records;
    expect(r).toMatchObject({
      symbol: 'ZZAB',
      settlementDate: '2024-08-15',
      issueName: 'Example Group, Ltd. Sponsored',
      marketClass: 'U',
      shortInterest: 128501,
      previousShortInterest: 126660,
      changePercent: 1.45,
      changeShares: 1841,
      avgDailyVolume: 1209137,
      daysToCoverReported: 1,
      publishedOn: '2024-08-26',
    });
  });

  it('takes the settlement date from the file name when the column is absent', () => {
    const text = crlf('symbolCode|currentShortPositionQuantity', 'GME|100');
    expect(parseText(finraShortInterestFileFormat, 'shrt20240815.csv', text).records[0]!.settlementDate).toBe(
      '2024-08-15',
    );
  });

  it('rejects a non-numeric short position naming the line', () => {
    const text = crlf(
      SI_HEADER,
      '20210115|GME|x|N|NYSE|61782730|71196206||29385884|2.10||-13.22|-9413476|2021-01-15',
      '20210115|AMC|x|N|NYSE|n/a|1||1|1||1|1|2021-01-15',
    );
    const err = parseError(() => parseText(finraShortInterestFileFormat, 'shrt20210115.csv', text));
    expect(err.message).toBe('shrt20210115.csv:3: currentShortPositionQuantity: not a number: "n/a"');
  });
});

describe('FINRA Query API CSV exports', () => {
  it('reads quoted regShoDaily CSV, ignoring joined extra columns', () => {
    const text = crlf(
      '"tradeReportDate","securitiesInformationProcessorSymbolIdentifier","shortParQuantity","shortExemptParQuantity","totalParQuantity","marketCode","reportingFacilityCode","YF_Close"',
      '"2021-01-15","ZZT","48577","0","199292","B","NCTRF","35.5"',
      '"2021-01-15","ZZT","5479234.5","205192","18112270","Q","NQTRF","35.5"',
    );
    expect(claimants('SHO.csv', text.split('\r\n')[0]!)).toEqual(['finra-api-regshodaily']);
    const { records } = parseText(finraApiRegShoCsvFormat, 'export.csv', text);
    expect(records.map((r) => [r.facility, r.shortVolume, r.source])).toEqual([
      ['FNQC', 48577, 'finra-api'],
      ['FNSQ', 5479234.5, 'finra-api'],
      // the consolidated day the readers read, summed from the facility rows
      ['CNMS', 5527811.5, 'finra-api-sum'],
    ]);
    expect(records[2]).toMatchObject({ shortExemptVolume: 205192, totalVolume: 18311562, markets: 'B,Q' });
  });

  it('reports a regShoDaily CSV without the facility column at the header', () => {
    const err = parseError(() =>
      parseText(
        finraApiRegShoCsvFormat,
        'x.csv',
        crlf('tradeReportDate,securitiesInformationProcessorSymbolIdentifier,shortParQuantity,totalParQuantity'),
      ),
    );
    expect([err.line, err.reason]).toEqual([1, 'header lacks reportingFacilityCode (finra-api-regshodaily layout)']);
  });

  it('reads weeklySummary CSV and skips firm totals with a reason', () => {
    const header =
      'issueSymbolIdentifier,issueName,MPID,marketParticipantName,tierIdentifier,tierDescription,weekStartDate,totalWeeklyShareQuantity,totalWeeklyTradeCount,totalNotionalSum,summaryTypeCode,initialPublishedDate';
    const text = crlf(
      header,
      'ZZT,"Test, Inc.",,,T2,NMS Tier 2,2025-12-15,1000,10,,ATS_W_SMBL,',
      ',,ZZAT,ZZAT EXAMPLE ATS,T2,NMS Tier 2,2025-12-15,99999,999,,ATS_W_FIRM,',
    );
    expect(claimants('weekly.csv', header)).toEqual(['finra-api-weeklysummary']);
    const { records, skipped } = parseText(finraApiWeeklySummaryCsvFormat, 'weekly.csv', text);
    expect(records).toEqual([
      expect.objectContaining({
        symbol: 'ZZT',
        issueName: 'Test, Inc.',
        tier: 'T2',
        mpid: '',
        shares: 1000,
        publishedOn: '2026-01-12',
      }),
    ]);
    expect([...skipped.values()]).toEqual([1]);
  });

  it('says which table each format fills', () => {
    expect(finraApiCsvFormats.map((f) => [f.kind, f.dataset])).toEqual([
      ['finra-shortinterest', 'shortinterest'],
      ['finra-api-regshodaily', 'shortvol'],
      ['finra-api-weeklysummary', 'otc'],
    ]);
  });
});

describe('FINRA OTC weekly file', () => {
  it('reads per-firm rows as ATS_W_SMBL_FIRM with the week from the last column', () => {
    const text = `${OTC_HEADER}\nOTC|ZZOT|Example Corp Common Stock|OTCX OTC LINK ECN ATS|OTCX|40313|3|2025-12-15\nOTC|||ZZAT EXAMPLE ATS|ZZAT|1|1|2025-12-15`;
    const { records, skipped } = parseText(finraOtcWeeklyFileFormat, 'finra_otc_weekly_otc_20251215.csv', text);
    expect(records).toEqual([
      expect.objectContaining({
        symbol: 'ZZOT',
        weekStart: '2025-12-15',
        tier: 'OTC',
        summaryType: 'ATS_W_SMBL_FIRM',
        mpid: 'OTCX',
        shares: 40313,
        trades: 3,
        publishedOn: '2026-01-12',
      }),
    ]);
    expect(skipped.get('row without a symbol (cannot be attributed to a security)')).toBe(1);
  });

  it('maps NMS tier descriptions', () => {
    const text = `${OTC_HEADER}\nNMS Tier 1|ZZA|A|SGMT SIGMA X2|SGMT|10|1|2025-12-15`;
    expect(parseText(finraOtcWeeklyFileFormat, 'f.csv', text).records[0]).toMatchObject({
      tier: 'T1',
      publishedOn: '2025-12-29',
    });
  });

  it('rejects a non-numeric share count naming the line', () => {
    const err = parseError(() =>
      parseText(finraOtcWeeklyFileFormat, 'f.csv', `${OTC_HEADER}\nOTC|ZZA|A|B|OTCX|1,000|1|2025-12-15`),
    );
    expect(err.message).toBe('f.csv:2: totalWeeklyShareQuantity: not a number: "1,000"');
  });
});

describe.skipIf(!hasSharedData)('real FINRA files in ../shared/data', () => {
  const read = (...p: string[]) => readFileSync(sharedPath(...p), 'utf8');

  it('parses all 36 pookiemaker files and CNMS = FNQC+FNSQ+FNYX+FNRA per symbol on 2020-01-02', () => {
    const dir = sharedPath('pookiemaker-shorts/python/shortdata');
    const byFile = new Map<string, ShortVolumeRecord[]>();
    for (const facility of readdirSync(dir)) {
      for (const name of readdirSync(`${dir}/${facility}`)) {
        expect(finraShortVolumeFormat.recognise(name, HEADER_6)).toBe(true);
        byFile.set(
          name,
          parseText(finraShortVolumeFormat, name, read('pookiemaker-shorts/python/shortdata', facility, name)).records,
        );
      }
    }
    expect(byFile.size).toBe(36);
    const cnms = byFile.get('CNMSshvol20200102.txt')!;
    expect(cnms.length).toBeGreaterThan(8000);
    const sums = new Map<string, [number, number, number]>();
    for (const f of ['FNQC', 'FNSQ', 'FNYX', 'FNRA']) {
      for (const r of byFile.get(`${f}shvol20200102.txt`)!) {
        const s = sums.get(r.symbol) ?? [0, 0, 0];
        sums.set(r.symbol, [s[0] + r.shortVolume, s[1] + (r.shortExemptVolume ?? 0), s[2] + r.totalVolume]);
      }
    }
    const mismatches = cnms.filter(
      (r) => JSON.stringify(sums.get(r.symbol)) !== JSON.stringify([r.shortVolume, r.shortExemptVolume, r.totalVolume]),
    );
    expect(mismatches).toEqual([]);
    expect(sums.size).toBe(cnms.length);
    expect(cnms.find((r) => r.symbol === 'GME')).toMatchObject({
      shortVolume: 1156897,
      shortExemptVolume: 10920,
      totalVolume: 1724835,
      markets: 'B,Q,N',
    });
  });

  it('parses the full-market 2021-06-04 files', () => {
    const records = parseText(
      finraShortVolumeFormat,
      'CNMSshvol20210604.txt',
      read('rougewood-ShortInterest/data/20210604/CNMSshvol20210604.txt'),
    ).records;
    expect(records).toHaveLength(9661);
    expect(records.find((r) => r.symbol === 'GME')).toMatchObject({
      shortVolume: 703596,
      shortExemptVolume: 28686,
      totalVolume: 1295391,
      markets: 'B,Q,N',
    });
  });

  it('treats the saved 404 page as a non-FINRA file', () => {
    const html = read('tangentstorm-gme-data/raw/finra/cnms-shortvol/CNMSshvol20210320.txt');
    expect(finraShortVolumeFormat.recognise('CNMSshvol20210320.txt', html.split('\n')[0]!)).toBe(false);
    expect(parseError(() => parseText(finraShortVolumeFormat, 'CNMSshvol20210320.txt', html)).reason).toMatch(
      /HTML page/,
    );
  });

  it('parses all 8,678 praveenraj short-interest rows (legacy names, settlement 2024-08-15)', () => {
    const dir = 'praveenraj-d-Equity_Short_Interest_Downloader/data';
    const records = readdirSync(sharedPath(dir)).flatMap((name) => {
      const text = read(dir, name);
      expect(finraShortInterestFileFormat.recognise(name, text.slice(0, text.indexOf('\n')))).toBe(true);
      return parseText(finraShortInterestFileFormat, name, text).records;
    });
    expect(records).toHaveLength(8678);
    expect(new Set(records.map((r) => r.settlementDate))).toEqual(new Set(['2024-08-15']));
    expect(records.every((r) => r.publishedOn === '2024-08-26')).toBe(true);
    expect(records.find((r) => r.symbol === 'AAGIY')).toMatchObject({
      issueName: 'AIA Group, Ltd. Sponsored Amer',
      shortInterest: 128501,
      previousShortInterest: 126660,
      changeShares: 1841,
      avgDailyVolume: 1209137,
      daysToCoverReported: 1,
    });
    // FINRA's reported days to cover = round(SI/ADV, 2) on ordinary rows (PROVENANCE §7)
    const ordinary = records.filter(
      (r) =>
        r.avgDailyVolume! > 0 && r.shortInterest >= r.avgDailyVolume! && r.shortInterest / r.avgDailyVolume! < 999.99,
    );
    expect(ordinary.length).toBeGreaterThan(2000);
    expect(
      ordinary.filter((r) => Math.abs(r.daysToCoverReported! - r.shortInterest / r.avgDailyVolume!) > 0.0051),
    ).toEqual([]);
  });

  it('parses SHO.csv (regShoDaily output with Yahoo columns) and GME 2021-01-15 facility rows add up to the consolidated row', () => {
    const text = read('SuperstonkQuants-q3_shortInterest/SHO.csv');
    expect(claimants('SHO.csv', text.slice(0, text.indexOf('\n')))).toEqual(['finra-api-regshodaily']);
    const { records: all, skipped } = parseText(finraApiRegShoCsvFormat, 'SHO.csv', text);
    const records = all.filter((r) => r.facility !== 'CNMS');
    expect(records).toHaveLength(8176);
    expect(skipped.size).toBe(0);
    const gme = records.filter((r) => r.symbol === 'GME' && r.date === '2021-01-15');
    expect(gme.map((r) => r.facility).sort()).toEqual(['FNQC', 'FNSQ', 'FNYX']);
    const sum = gme.reduce(
      (a, r) => [a[0]! + r.shortVolume, a[1]! + r.shortExemptVolume!, a[2]! + r.totalVolume],
      [0, 0, 0],
    );
    // the consolidated GME row of 2021-01-15, as extracted from FINRA's CNMS file (tangentstorm/gme-data)
    const cnms = read('tangentstorm-gme-data/gme/shortvol.txt')
      .split(/\r?\n/)
      .find((l) => l.startsWith('20210115|GME|') && l.endsWith('|B,Q,N'))!;
    expect(sum).toEqual(cnms.split('|').slice(2, 5).map(Number));
    // and the consolidated row the parser sums is that figure
    const summed = all.find((r) => r.symbol === 'GME' && r.date === '2021-01-15' && r.facility === 'CNMS')!;
    expect([summed.shortVolume, summed.shortExemptVolume, summed.totalVolume, summed.markets]).toEqual([
      ...cnms.split('|').slice(2, 5).map(Number),
      'B,Q,N',
    ]);
  });

  it('parses the consolidated meme-2020-2021 files', () => {
    const dir = 'meme-2020-2021/finra';
    const names = readdirSync(sharedPath(dir));
    expect(names).toHaveLength(231);
    for (const name of names) parseText(finraShortVolumeFormat, name, read(dir, name));
    const day = parseText(finraShortVolumeFormat, 'CNMSshvol20210115.txt', read(dir, 'CNMSshvol20210115.txt')).records;
    expect(day.find((r) => r.symbol === 'GME')).toMatchObject({
      shortVolume: 8433389,
      shortExemptVolume: 240780,
      totalVolume: 26143320,
    });
  });

  it('parses the spine-core OTC weekly files, skipping the one symbol-less row', () => {
    const dir = 'ryansmccoy-spine-core/data/finra';
    const expected: Record<string, [number, number, string]> = {
      'finra_otc_weekly_otc_20251215.csv': [5328, 0, '2025-12-15'],
      'finra_otc_weekly_otc_20251222.csv': [5192, 0, '2025-12-22'],
      'finra_otc_weekly_otc_20251229.csv': [4654, 1, '2025-12-29'],
    };
    for (const name of readdirSync(sharedPath(dir))) {
      const text = read(dir, name);
      expect(claimants(name, text.slice(0, text.indexOf('\n')))).toEqual(['finra-otc-weekly']);
      const { records, skipped } = parseText(finraOtcWeeklyFileFormat, name, text);
      const [rows, skips, week] = expected[name]!;
      expect([records.length, [...skipped.values()].reduce((a, b) => a + b, 0)]).toEqual([rows, skips]);
      expect(
        records.every(
          (r) => r.weekStart === week && r.tier === 'OTC' && r.summaryType === 'ATS_W_SMBL_FIRM' && r.mpid !== '',
        ),
      ).toBe(true);
      // natural key (symbol, week, tier, type, mpid) is unique within a file
      expect(new Set(records.map((r) => `${r.symbol}|${r.mpid}`)).size).toBe(records.length);
    }
  });
});
