// Plain words for every machine key a user reads (stage names and elimination reasons, level conditions
// and their notes, score inputs, setting keys and refusals): one table, shared by chat, HTML and CSV.
export { keyWords } from '../../shared/key-words';
export { STAGE_LABEL, REASON_LABEL, stageLabel, reasonLabel, reasonWithFigures } from './reasons';
export { CONDITION_LABEL, LEVEL_LABEL, conditionLabel, levelNoteText, levelNotesText } from './level-conditions';
export { SCORE_INPUT_LABEL, INPUT_BASIS_LABEL, scoreInputLabel, inputBasisLabel } from './score-inputs';
export { settingLabel, settingLeafLabel, sectionLabel } from './settings';
export { settingRefusalText, shapeWords } from './setting-problems';
