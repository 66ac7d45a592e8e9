// GameStop's session of 2021-01-27 as the FMP, Polygon and Yahoo fixtures under test/fixtures hold it:
// one day's trading, so the same prices and volume from each; what a provider adds (adjusted close,
// VWAP, trade count) and its source name stay in each client test.
export const GME_2021_01_27 = {
  symbol: 'GME',
  date: '2021-01-27',
  open: 354.83,
  high: 380,
  low: 249,
  close: 347.51,
  volume: 93_396_700,
  publishedOn: '2021-01-27',
};
