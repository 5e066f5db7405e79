/**
 * Contract of what Complete and Cancel send, read strictly from Aluma's Cancel Client Action page
 * ("When an export action is specified, the request body should be empty"; for validation "a
 * Validation Results object"; Complete INFERRED alike): no body at all (no Content-Type either)
 * for an export, and the Validation Results given as fields or as JSON for a validation.
 * nock answers; the network is closed.
 *
 * Run: npx jest test/contract/tasks/client-action-bodies.test.ts
 */
import { expectSuccess, failureOf, useContract } from '../../support/contractRecorder';

const contract = useContract();

const TASK = 'SWdh86taQhKwwpY0HUKD7Q';
const ACTIONS = `/tasks/${TASK}/client_actions`;
const RESULTS = { documents: [{ document_type: 'Invoice', fields: { 'Invoice Number': 'INV-1001', 'Gross Total': '120.00' } }] };

const op = (operation: string, clientAction: string, parameters = {}) => ({ resource: 'export', operation, taskId: TASK, clientAction, ...parameters });
const byFields = {
	validationResultsInput: 'fields',
	validatedDocumentType: 'Invoice',
	validatedFields: { field: [{ name: 'Invoice Number', value: 'INV-1001' }, { name: 'Gross Total', value: '120.00' }] },
};
const byJson = { validationResultsInput: 'json', validationResultsJson: JSON.stringify(RESULTS) };
const sent = () => ({ contentType: contract.seen[0].headers['content-type'], body: contract.seen[0].body.toString('utf8') });

describe.each([
	['complete', 'completed', 'pending:start_client_action'],
	['cancel', 'canceled', 'pending:start_client_action'],
])('%s', (step, flag, after) => {
	it('sends no body at all for an export', async () => {
		contract.aluma().post(`${ACTIONS}/export/${step}`).reply(contract.reply(200, { id: TASK, state: after }));

		expect(expectSuccess(await contract.run(op(step, 'export')))).toEqual([{ taskId: TASK, clientAction: 'export', [flag]: true, id: TASK, state: after }]);
		expect(sent()).toEqual({ contentType: undefined, body: '' });
	});

	it('ignores Validation Results left in the parameters when the action is export', async () => {
		contract.aluma().post(`${ACTIONS}/export/${step}`).reply(contract.reply(204));

		expect(expectSuccess(await contract.run(op(step, 'export', byJson)))).toEqual([{ taskId: TASK, clientAction: 'export', [flag]: true }]);
		expect(sent().body).toBe('');
	});

	it('sends the Validation Results built from the fields for a validation', async () => {
		contract.aluma().post(`${ACTIONS}/validation/${step}`).reply(contract.reply(200, { id: TASK, state: after }));

		expectSuccess(await contract.run(op(step, 'validation', byFields)));

		expect(sent().contentType).toBe('application/json');
		expect(JSON.parse(sent().body)).toEqual(RESULTS);
	});

	it('sends the Validation Results JSON as given for a validation', async () => {
		contract.aluma().post(`${ACTIONS}/validation/${step}`).reply(contract.reply(200, { id: TASK, state: after }));

		expectSuccess(await contract.run(op(step, 'validation', byJson)));

		expect(JSON.parse(sent().body)).toEqual(RESULTS);
	});
});

describe('Validation Results from the fields', () => {
	it("leaves the document type out when it is empty, so Aluma keeps its own", async () => {
		contract.aluma().post(`${ACTIONS}/validation/complete`).reply(contract.reply(204));

		expectSuccess(await contract.run(op('complete', 'validation', { validatedFields: { field: [{ name: 'Total', value: '={{ 12.5 }}' }] } })));

		expect(JSON.parse(sent().body)).toEqual({ documents: [{ fields: { Total: 12.5 } }] });
	});

	it('sends an empty field list when nothing was corrected', async () => {
		contract.aluma().post(`${ACTIONS}/validation/complete`).reply(contract.reply(204));

		expectSuccess(await contract.run(op('complete', 'validation')));

		expect(JSON.parse(sent().body)).toEqual({ documents: [{ fields: {} }] });
	});

	it.each([
		[{ field: [{ name: ' ', value: 'x' }] }, 'Field 1 has no name (parameter "Fields")'],
		[{ field: [{ name: 'Total', value: '1' }, { name: 'Total', value: '2' }] }, 'The field "Total" is given twice (parameter "Fields")'],
	])('refuses %j before any request', async (validatedFields, message) => {
		expect(failureOf(await contract.run(op('complete', 'validation', { validatedFields })))).toMatchObject({ name: 'NodeOperationError', message, itemIndex: 0 });
		expect(contract.seen).toEqual([]);
	});

	it('refuses JSON that is not an object before any request', async () => {
		const failure = failureOf(await contract.run(op('cancel', 'validation', { validationResultsInput: 'json', validationResultsJson: '"approved"' })));

		expect(failure).toMatchObject({ name: 'NodeOperationError', message: 'The parameter "Validation Results (JSON)" is not a JSON object' });
		expect(contract.seen).toEqual([]);
	});
});
