import { endWithResultsOperation } from './endWithResultsOperation';

export const { description, simplifiesOutput, execute } = endWithResultsOperation('complete', 'completed');
