import { inPlaceButton, type ButtonRows } from '../present/buttons';
import type { Origin } from './learning-reads';

/** Live · Backtest under /performance and /missed: the other origin's figures in place of these. */
export function originToggle(command: string, origin: Origin, days: number | undefined): ButtonRows {
  const line = (o: Origin) => `/${command} ${o}${days ? ` ${days}` : ''}`;
  return [
    [
      inPlaceButton(origin === 'live' ? '• Live' : 'Live', line('live')),
      inPlaceButton(origin === 'backtest' ? '• Backtest' : 'Backtest', line('backtest')),
    ],
  ];
}
