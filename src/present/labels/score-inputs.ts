// The score's inputs in words: kept with the engine (src/signals/scoring/score-input-words.ts), whose
// explanations use them too; the label table re-exports them for every view.
export * from '../../signals/scoring/score-input-words';
