import type { CommandDefinition } from '../src/chat/command-types';
import { inGroupOrder, menuCommands as menuFor, type MenuCommand } from '../src/chat/help';
import { HELP_GROUPS } from './help-groups';

export { HELP_GROUPS };
import type { Role } from '../src/chat/chat-context';
import { ackCommand } from './ack';
import { addCommand } from './add';
import { alertsCommand } from './alerts';
import { chartCommand } from './chart';
import { basketCommand } from './basket';
import { borrowCommand } from './borrow';
import { buyCommand } from './buy';
import { calendarCommand } from './calendar';
import { darkpoolCommand } from './darkpool';
import { digestCommand } from './digest';
import { dipsCommand } from './dips';
import { emailCommand } from './email';
import { emergencyOffCommand, emergencyOnCommand } from './emergency';
import { helpCommand } from './help';
import { missedCommand } from './missed';
import { muteCommand, unmuteCommand } from './mute';
import { performanceCommand } from './performance';
import { pipelineCommand } from './pipeline';
import { portfolioCommand } from './portfolio';
import { quietCommand } from './quiet';
import { removeCommand } from './remove';
import { reportCommand } from './report';
import { resetCommand } from './reset';
import { scanCommand } from './scan';
import { sellCommand } from './sell';
import { setCommand } from './set';
import { settingsCommand } from './settings';
import { shortvolCommand } from './shortvol';
import { siCommand } from './si';
import { ftdCommand } from './ftd';
import { startCommand } from './start';
import { suggestCommand } from './suggest';
import { statusCommand } from './status';
import { jobsCommand } from './jobs';
import { thresholdsCommand } from './thresholds';
import { tickerCommand } from './ticker';
import { topCommand } from './top';
import { usersCommand } from './users';
import { watchlistCommand } from './watchlist';
import { whyCommand } from './why';

// Every chat command, in menu order (by help group). /help and the Telegram command menu are generated from this list.
export const COMMANDS: readonly CommandDefinition[] = inGroupOrder(
  [
    startCommand,
    helpCommand,
    topCommand,
    tickerCommand,
    chartCommand,
    whyCommand,
    siCommand,
    borrowCommand,
    ftdCommand,
    shortvolCommand,
    darkpoolCommand,
    basketCommand,
    calendarCommand,
    reportCommand,
    performanceCommand,
    missedCommand,
    suggestCommand,
    scanCommand,
    pipelineCommand,
    watchlistCommand,
    addCommand,
    removeCommand,
    buyCommand,
    sellCommand,
    portfolioCommand,
    dipsCommand,
    alertsCommand,
    ackCommand,
    muteCommand,
    unmuteCommand,
    quietCommand,
    settingsCommand,
    digestCommand,
    statusCommand,
    jobsCommand,
    thresholdsCommand,
    setCommand,
    resetCommand,
    usersCommand,
    emailCommand,
    emergencyOffCommand,
    emergencyOnCommand,
  ],
  HELP_GROUPS,
);

/** The Telegram menu for a role, in group order; `only: true` gives just that role's own commands. */
export function menuCommands(role: Role, options: { only?: boolean } = {}): MenuCommand[] {
  return menuFor(COMMANDS, role, options);
}
