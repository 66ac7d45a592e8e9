import { marketWallClockAt } from '../market/market-time';

// A report's "generated" stamp reads in New York time: a report rebuilt for a past day is stamped at
// that day's end (report-data.ts), and in UTC that instant would already read as the next day.
export function generatedStamp(generatedAt: string): string {
  return `generated ${marketWallClockAt(new Date(generatedAt))} New York`;
}
