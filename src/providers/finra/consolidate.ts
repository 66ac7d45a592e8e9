import { SOURCE_FINRA_FACILITY_SUM, type Facility, type ShortVolumeRecord } from '../../domain/market-data';

// FINRA's consolidated (CNMS) figure is the sum of the four NMS trade reporting facilities; the OTC
// facility (FORF) is separate and not part of it (FORMATS.md). The Query API's regShoDaily has no CNMS
// row, only one row per facility, while every reader of short volume reads the CNMS row: an export is
// stored as its facility rows plus one CNMS row per symbol and day summed from them, the same shape a
// day has when its CNMS file and facility files were fetched. A sum never replaces a CNMS row that
// FINRA reported (short_volume upsert, market-data.repo.ts), so a CNMS file and an export of the same
// day leave one consolidated row, never two added together.

/** the facilities inside CNMS, in the order the CNMS `Market` column lists their codes */
const CNMS_PARTS: readonly { facility: Facility; market: string }[] = [
  { facility: 'FNQC', market: 'B' },
  { facility: 'FNSQ', market: 'Q' },
  { facility: 'FNYX', market: 'N' },
  { facility: 'FNRA', market: 'D' },
];
const PART_OF = new Map(CNMS_PARTS.map((p, i) => [p.facility, i]));

interface Sum {
  symbol: string;
  date: string;
  shortVolume: number;
  /** null once any facility row lacks the exempt figure: a partial sum would understate it */
  shortExemptVolume: number | null;
  totalVolume: number;
  parts: Set<number>;
}

/** Adds facility rows up as they stream by; `rows()` gives one CNMS record per symbol and day. */
export class FacilitySums {
  private readonly sums = new Map<string, Sum>();

  add(r: ShortVolumeRecord): void {
    const part = PART_OF.get(r.facility);
    if (part === undefined) return;
    const key = `${r.symbol} ${r.date}`;
    let s = this.sums.get(key);
    if (!s) {
      s = { symbol: r.symbol, date: r.date, shortVolume: 0, shortExemptVolume: 0, totalVolume: 0, parts: new Set() };
      this.sums.set(key, s);
    }
    s.shortVolume += r.shortVolume;
    s.shortExemptVolume =
      s.shortExemptVolume === null || r.shortExemptVolume === null ? null : s.shortExemptVolume + r.shortExemptVolume;
    s.totalVolume += r.totalVolume;
    s.parts.add(part);
  }

  rows(): ShortVolumeRecord[] {
    return [...this.sums.values()].map((s) => ({
      symbol: s.symbol,
      date: s.date,
      facility: 'CNMS',
      shortVolume: s.shortVolume,
      shortExemptVolume: s.shortExemptVolume,
      totalVolume: s.totalVolume,
      markets: [...s.parts]
        .sort((a, b) => a - b)
        .map((i) => CNMS_PARTS[i]!.market)
        .join(','),
      source: SOURCE_FINRA_FACILITY_SUM,
      // posted by 6 pm ET on the trade date, like the facility rows it sums
      publishedOn: s.date,
    }));
  }
}
