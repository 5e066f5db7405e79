import { endWithResultsOperation } from './endWithResultsOperation';

// A canceled validation hands Aluma what was validated so far, to be completed later (DOC).
export const { description, simplifiesOutput, execute } = endWithResultsOperation('cancel', 'canceled');
