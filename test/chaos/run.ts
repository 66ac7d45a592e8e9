import { botBesideImportScenario } from './bot-beside-import';
import { fanOutScenario } from './fan-out';
import { importBesideWritersScenario } from './import-beside-writers';
import { killRestartScenario } from './kill-restart';

// `npm run chaos`: every chaos scenario in turn, each printing what it tried and what survived.
await importBesideWritersScenario();
await botBesideImportScenario();
await killRestartScenario();
await fanOutScenario();
