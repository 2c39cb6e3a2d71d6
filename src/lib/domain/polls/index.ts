export * from './types';
export { checkChoice } from './choice';
export { tallyPoll, tallyChoices } from './tally';
export { SUPPORT_RULE, supportHolds } from './consensus';
export { bordaPoints } from './ranking';
export { countWords, normaliseText, textKey } from './text';
