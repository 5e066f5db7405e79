/**
 * IDs and names that would leave their path segment: "..", "/", "\", "?", "#", "%", spaces and
 * control characters, given by expression to every parameter that goes into a request path. Each
 * is refused for its own item before any request, by a NodeOperationError naming the parameter
 * (not the transport's "The path … contains . or .. segments").
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	expectEachItemRefused,
	expectEveryItem,
	fileItem,
	fixture,
	invoices,
	outcome,
	reliabilitySuite,
	valuePerItem,
} from '../support/reliability';
import type { HarnessInputItem } from '../support/reliability';

const { scenario, newStore, runAluma } = reliabilitySuite();

/** [value, what the message says it contains]. */
const HOSTILE: Array<[string, string]> = [
	['../oauth/token', '".."'],
	['..', '".."'],
	['.', '"."'],
	['a/b', '"/"'],
	['a\\b', '"\\"'],
	['x?y=1', '"?"'],
	['x#top', '"#"'],
	['%2e%2e', '"%"'],
	['INV 1', 'a space'],
	['a\tb', 'a control character'],
	['a\r\nX-Injected: 1', 'a control character'],
];

const locator = (value: string, mode = 'list'): INodeParameters => ({ __rl: true, mode, value });

interface IdCase {
	label: string;
	parameters: (value: string) => INodeParameters;
	item?: () => HarnessInputItem;
	/** Values this parameter accepts (not sent: they would reach Aluma). */
	accepts?: string[];
}

const invoice = () => invoices(1)[0];
const DOCUMENT_ID = 'Document ID';
const TASK_ID = 'Task ID';

const CASES: IdCase[] = [
	{ label: DOCUMENT_ID, parameters: (v) => ({ resource: 'document', operation: 'get', documentId: v }) },
	{ label: DOCUMENT_ID, parameters: (v) => ({ resource: 'document', operation: 'deleteDocument', documentId: v }) },
	{ label: DOCUMENT_ID, parameters: (v) => ({ resource: 'document', operation: 'read', documentId: v, readOutput: 'text', options: {} }) },
	{ label: DOCUMENT_ID, parameters: (v) => ({ resource: 'document', operation: 'getReadResult', documentId: v, readOutput: 'text', options: {} }) },
	{ label: DOCUMENT_ID, parameters: (v) => ({ resource: 'document', operation: 'classify', documentId: v, classifier: locator('mailroom'), options: {} }) },
	{ label: TASK_ID, parameters: (v) => ({ resource: 'task', operation: 'get', taskId: v }) },
	{ label: TASK_ID, parameters: (v) => ({ resource: 'task', operation: 'waitForTask', taskId: v, waitUntil: [], maxWait: 10, interval: 1 }) },
	{ label: TASK_ID, parameters: (v) => ({ resource: 'export', operation: 'start', taskId: v, clientAction: 'export' }) },
	{ label: TASK_ID, parameters: (v) => ({ resource: 'export', operation: 'fail', taskId: v, clientAction: 'export', message: 'x' }) },
	{ label: 'Project', parameters: (v) => ({ resource: 'project', operation: 'get', project: locator(v, 'id') }) },
	{
		label: 'Project',
		parameters: (v) => ({ resource: 'task', operation: 'create', project: locator(v, 'id'), binaryPropertyName: 'data', tags: {} }),
		item: invoice,
	},
	{ label: 'Classifier', parameters: (v) => ({ resource: 'classifier', operation: 'get', classifier: locator(v) }) },
	{
		label: 'Classifier',
		parameters: (v) => ({ resource: 'document', operation: 'classifyFile', source: 'binary', binaryPropertyName: 'data', classifier: locator(v), options: {} }),
		item: invoice,
	},
	{ label: 'Extractor', parameters: (v) => ({ resource: 'extractor', operation: 'deleteExtractor', extractor: locator(v) }) },
	{
		label: 'Extractor',
		parameters: (v) => ({ resource: 'document', operation: 'extractFromFile', source: 'binary', binaryPropertyName: 'data', extractor: locator(v), options: {} }),
		item: invoice,
	},
	{
		label: 'Extractor per Document Type',
		parameters: (v) => ({
			resource: 'document',
			operation: 'classifyAndExtract',
			source: 'binary',
			binaryPropertyName: 'data',
			classifier: locator('mailroom'),
			extractorMapping: { mapping: [{ documentType: 'Invoice', extractor: v }] },
			options: {},
		}),
		item: invoice,
	},
	{
		label: 'Document Type',
		parameters: (v) => ({ resource: 'classifier', operation: 'addSample', classifier: locator('mailroom'), documentType: v, binaryPropertyName: 'data' }),
		item: invoice,
		// "Purchase Order" is a document type; a space stays inside its segment.
		accepts: ['INV 1'],
	},
];

describe.each(CASES.map((c) => [`${c.label} (${String(c.parameters('').resource)} → ${String(c.parameters('').operation)})`, c] as const))(
	'%s',
	(title, c) => {
		it('every value that would leave its path segment is refused for its own item, naming the parameter; 0 requests', async () => {
			const values = HOSTILE.filter(([value]) => !(c.accepts ?? []).includes(value));
			const errors = await expectEachItemRefused(scenario(`path characters in ${title}`), {
				store: newStore(),
				parameters: c.parameters(valuePerItem(values.map(([value]) => JSON.stringify(value)))),
				items: values.map(() => (c.item ? c.item() : { json: {} })),
				note: `${values.length} unsafe values, one per item`,
			});

			expect(errors.map((json) => json.error)).toEqual(
				values.map(([value, problem]) => `The value ${JSON.stringify(value)} contains ${problem}, which no Aluma ID or name has (parameter "${c.label}")`),
			);
			errors.forEach((json) => expect(json.description).toMatch(/^Use the ID or name exactly as Aluma gives it/));
		});
	},
);

describe('names of new classifiers and extractors', () => {
	it.each([
		['classifier', 'create', 'classifierName', 'Classifier Name'],
		['extractor', 'create', 'extractorName', 'Extractor Name'],
	])('%s → %s refuses "." and ".." as a name before any request', async (resource, operation, name, label) => {
		const s = scenario(`${label} "." / ".."`);
		const result = await runAluma({
			parameters: { resource, operation, [name]: "={{ ['.', '..'][$itemIndex] }}", defineWith: 'json', template: '{"modules":[{"id":"aluma.name"}]}' },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		const out = expectEveryItem(result, 2);
		expect(out.map((item) => item.json.error)).toEqual([
			`The ${label.toLowerCase()} "." contains characters Aluma does not accept (parameter "${label}")`,
			`The ${label.toLowerCase()} ".." contains characters Aluma does not accept (parameter "${label}")`,
		]);
		expect(m.requests).toBe(0);
	});
});

describe('a safe ID still reaches Aluma', () => {
	it('a Document Type with a space is sent as one segment', async () => {
		const s = scenario('Document Type with a space');
		const result = await runAluma({
			parameters: { resource: 'classifier', operation: 'addSample', classifier: locator('mailroom'), documentType: 'Purchase Order', binaryPropertyName: 'data' },
			items: [fileItem(fixture('purchase-order.pdf'), { fileName: 'po.pdf' })],
		});
		const m = s.finish(outcome(result, 'sample added'), [result]);

		expect(result.status).toBe('success');
		expect(expectEveryItem(result, 1)[0].json).toMatchObject({ classifier: 'mailroom', documentType: 'Purchase Order', added: true });
		expect(m.byRoute['POST /classifiers/:name/sample/:documentType']).toBe(1);
	});
});
