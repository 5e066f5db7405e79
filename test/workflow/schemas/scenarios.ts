/**
 * One run per operation of the Aluma node (and the trigger's "Fetch test event"), with the node's
 * defaults and the fake Aluma's demo data: the outputs the output schemas are made from and checked
 * against. Each run prepares what it needs (a document, a task waiting for its export…) through
 * the node's own operations or the fake.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { FakeAlumaFixture } from '../../support/fakeAlumaWorkflow';
import { AlumaApi } from '../../../credentials/AlumaApi.credentials';
import { Aluma } from '../../../nodes/Aluma/Aluma.node';
import { CREDENTIAL_REF, byName, expectSuccess, fileItem, jsonOf } from '../../support/fakeAlumaWorkflow';
import { IMPORT_HOST } from '../../support/documents';
import { bytesItem, createTasks, fromList, params, projectById, uploadProject, waitingTasks, zipOf } from '../../support/tasks';
import { runManualPoll } from '../../support/n8nContexts';
import { runNodeWorkflow } from '../harness';
import type { HarnessInputItem } from '../harness';

export const SEEDED_PROJECT = 'invoices-project-seed1';
const INVOICE_EXTRACTOR = byName('aluma.invoices.gb');
const MAILROOM = byName('mailroom');

export interface Scenario {
	resource: string;
	operation: string;
	/** The output items' json of one run. */
	run(aluma: FakeAlumaFixture): Promise<IDataObject[]>;
}

/** The output of the Aluma node at `typeVersion`, run once. */
async function outputAt(
	typeVersion: number,
	aluma: FakeAlumaFixture,
	parameters: INodeParameters,
	items?: HarnessInputItem[],
): Promise<IDataObject[]> {
	const result = await runNodeWorkflow({
		nodeTypes: [Aluma],
		credentialTypes: [AlumaApi],
		credentials: aluma.store,
		node: { type: 'aluma', typeVersion, parameters, credentials: CREDENTIAL_REF },
		items: items ?? [{ json: {} }],
	});
	expectSuccess(result);
	return jsonOf(result);
}

/** A task of the export-only project "Receipts", waiting for its export to be started. */
async function exportableTask(aluma: FakeAlumaFixture): Promise<string> {
	const receipts = await uploadProject(aluma);
	const [id] = await waitingTasks(aluma, receipts, ['invoice.pdf']);
	return id;
}

/** One scenario per operation, every run of it (set-up included) at the node's version `typeVersion`. */
export function nodeScenarios(typeVersion: number): Scenario[] {
	const outputOf = async (aluma: FakeAlumaFixture, parameters: INodeParameters, items?: HarnessInputItem[]) =>
		await outputAt(typeVersion, aluma, parameters, items);

	/** Uploads `file` as a document and returns its id (left for the fake's reset to clear). */
	async function documentOf(aluma: FakeAlumaFixture, file = 'invoice.pdf'): Promise<string> {
		const [created] = await outputOf(aluma, params('document', 'create'), [fileItem(file)]);
		return String(created.id);
	}

	/** Runs a document operation on a fresh document, then deletes it (the fixture checks nothing is left). */
	async function onDocument(aluma: FakeAlumaFixture, operation: string, parameters: INodeParameters): Promise<IDataObject[]> {
		const id = await documentOf(aluma);
		try {
			return await outputOf(aluma, params('document', operation, { documentId: id, ...parameters }));
		} finally {
			expectSuccess(await aluma.run({ parameters: params('document', 'deleteDocument', { documentId: id }) }));
		}
	}

	async function startedExport(aluma: FakeAlumaFixture): Promise<string> {
		const id = await exportableTask(aluma);
		await outputOf(aluma, params('export', 'start', { taskId: id, clientAction: 'export', downloadFiles: false }));
		return id;
	}

	const trainingZip = zipOf({
		'Receipt/receipt-1.txt': 'Receipt\nTotal: 12.00',
		'Contract/contract-1.txt': 'Contract between A and B',
	});

	const document = (operation: string, run: Scenario['run']): Scenario => ({ resource: 'document', operation, run });

	return [
		{
			resource: 'apiRequest',
			operation: 'send',
			run: async (aluma) => await outputOf(aluma, params('apiRequest', 'send', { method: 'GET', path: '/classifiers' })),
		},
		document('create', async (aluma) => {
			const output = await outputOf(aluma, params('document', 'create'), [fileItem('invoice.pdf')]);
			await outputOf(aluma, params('document', 'deleteDocument', { documentId: String(output[0].id) }));
			return output;
		}),
		document('importFromUrl', async (aluma) => {
			// IMPORT_HOST is mapped to a local file server by the test (useImportServer).
			const output = await outputOf(aluma, params('document', 'importFromUrl', { url: `https://${IMPORT_HOST}/inbox/invoice.pdf` }));
			await outputOf(aluma, params('document', 'deleteDocument', { documentId: String(output[0].id) }));
			return output;
		}),
		document('get', async (aluma) => await onDocument(aluma, 'get', {})),
		document('getAll', async (aluma) => {
			const id = await documentOf(aluma);
			const output = await outputOf(aluma, params('document', 'getAll'));
			await outputOf(aluma, params('document', 'deleteDocument', { documentId: id }));
			return output;
		}),
		document('deleteDocument', async (aluma) => {
			const id = await documentOf(aluma);
			return await outputOf(aluma, params('document', 'deleteDocument', { documentId: id }));
		}),
		document('read', async (aluma) => await onDocument(aluma, 'read', {})),
		document('readFile', async (aluma) => await outputOf(aluma, params('document', 'readFile'), [fileItem('invoice.pdf')])),
		document('getReadResult', async (aluma) => {
			const id = await documentOf(aluma);
			await outputOf(aluma, params('document', 'read', { documentId: id }));
			const output = await outputOf(aluma, params('document', 'getReadResult', { documentId: id }));
			await outputOf(aluma, params('document', 'deleteDocument', { documentId: id }));
			return output;
		}),
		document('classify', async (aluma) => await onDocument(aluma, 'classify', { classifier: MAILROOM })),
		document('classifyFile', async (aluma) => await outputOf(aluma, params('document', 'classifyFile', { classifier: MAILROOM }), [fileItem('invoice.pdf')])),
		document('extract', async (aluma) => await onDocument(aluma, 'extract', { extractor: INVOICE_EXTRACTOR })),
		document(
			'extractFromFile',
			async (aluma) => await outputOf(aluma, params('document', 'extractFromFile', { extractor: INVOICE_EXTRACTOR }), [fileItem('invoice.pdf')]),
		),
		document(
			'classifyAndExtract',
			async (aluma) =>
				await outputOf(
					aluma,
					params('document', 'classifyAndExtract', {
						classifier: MAILROOM,
						extractorMapping: { mapping: [{ documentType: 'Invoice', extractor: 'aluma.invoices.gb' }] },
					}),
					[fileItem('invoice.pdf')],
				),
		),
		document('redact', async (aluma) => await onDocument(aluma, 'redact', { extractor: INVOICE_EXTRACTOR })),
		document('redactFile', async (aluma) => await outputOf(aluma, params('document', 'redactFile', { extractor: INVOICE_EXTRACTOR }), [fileItem('invoice.pdf')])),
		document('generateSuggestions', async (aluma) => await onDocument(aluma, 'generateSuggestions', { context: 'user-4711' })),
		document(
			'storeSuggestionResult',
			async (aluma) => await onDocument(aluma, 'storeSuggestionResult', { context: 'user-4711', folderId: 'fld-acme', fileName: 'INV-1001.pdf' }),
		),
		document(
			'suggestFileNameAndFolder',
			async (aluma) => await outputOf(aluma, params('document', 'suggestFileNameAndFolder', { context: 'user-4711' }), [fileItem('invoice.pdf')]),
		),
		{ resource: 'classifier', operation: 'getAll', run: async (aluma) => await outputOf(aluma, params('classifier', 'getAll')) },
		{ resource: 'classifier', operation: 'get', run: async (aluma) => await outputOf(aluma, params('classifier', 'get', { classifier: MAILROOM })) },
		{ resource: 'classifier', operation: 'create', run: async (aluma) => await outputOf(aluma, params('classifier', 'create', { classifierName: 'receipts' })) },
		{
			resource: 'classifier',
			operation: 'upload',
			run: async (aluma) =>
				await outputOf(aluma, params('classifier', 'upload', { classifierName: 'receipts' }), [
					bytesItem(trainingZip, 'receipts.clf', 'application/vnd.waives.classifier+zip'),
				]),
		},
		{
			resource: 'classifier',
			operation: 'train',
			run: async (aluma) => {
				await outputOf(aluma, params('classifier', 'create', { classifierName: 'receipts' }));
				return await outputOf(aluma, params('classifier', 'train', { classifier: fromList('receipts') }), [
					bytesItem(trainingZip, 'samples.zip', 'application/zip'),
				]);
			},
		},
		{
			resource: 'classifier',
			operation: 'addSample',
			run: async (aluma) =>
				await outputOf(aluma, params('classifier', 'addSample', { classifier: fromList('mailroom'), documentType: 'Invoice' }), [fileItem('invoice.pdf')]),
		},
		{
			resource: 'classifier',
			operation: 'deleteClassifier',
			run: async (aluma) => {
				await outputOf(aluma, params('classifier', 'create', { classifierName: 'receipts' }));
				return await outputOf(aluma, params('classifier', 'deleteClassifier', { classifier: fromList('receipts') }));
			},
		},
		{ resource: 'extractor', operation: 'getAll', run: async (aluma) => await outputOf(aluma, params('extractor', 'getAll')) },
		{ resource: 'extractor', operation: 'get', run: async (aluma) => await outputOf(aluma, params('extractor', 'get', { extractor: fromList('aluma.invoices.gb') })) },
		{
			resource: 'extractor',
			operation: 'create',
			run: async (aluma) =>
				await outputOf(
					aluma,
					params('extractor', 'create', { extractorName: 'emails', defineWith: 'json', template: '{"modules":[{"id":"aluma.email_address"}]}' }),
				),
		},
		{
			resource: 'extractor',
			operation: 'createFromFile',
			run: async (aluma) =>
				await outputOf(aluma, params('extractor', 'createFromFile', { extractorName: 'legacy-config' }), [
					bytesItem(Buffer.from('<configuration />'), 'legacy.fpxlc', 'application/xml'),
				]),
		},
		{
			resource: 'extractor',
			operation: 'deleteExtractor',
			run: async (aluma) => await outputOf(aluma, params('extractor', 'deleteExtractor', { extractor: fromList('aluma.invoices.gb') })),
		},
		{ resource: 'module', operation: 'getAll', run: async (aluma) => await outputOf(aluma, params('module', 'getAll')) },
		{ resource: 'project', operation: 'getAll', run: async (aluma) => await outputOf(aluma, params('project', 'getAll')) },
		{ resource: 'project', operation: 'get', run: async (aluma) => await outputOf(aluma, params('project', 'get', { project: projectById(SEEDED_PROJECT) })) },
		{
			resource: 'project',
			operation: 'upload',
			run: async (aluma) => await outputOf(aluma, params('project', 'upload'), [fileItem('receipts.alproj', { mimeType: 'application/octet-stream' })]),
		},
		{
			resource: 'project',
			operation: 'deleteProject',
			run: async (aluma) => {
				const id = await uploadProject(aluma);
				return await outputOf(aluma, params('project', 'deleteProject', { project: projectById(id) }));
			},
		},
		{
			resource: 'task',
			operation: 'create',
			run: async (aluma) => await outputOf(aluma, params('task', 'create', { project: projectById(SEEDED_PROJECT) }), [fileItem('invoice.pdf')]),
		},
		{
			resource: 'task',
			operation: 'get',
			run: async (aluma) => {
				const [id] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);
				return await outputOf(aluma, params('task', 'get', { taskId: id }));
			},
		},
		{
			resource: 'task',
			operation: 'getAll',
			run: async (aluma) => {
				await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf', 'letter.pdf']);
				return await outputOf(aluma, params('task', 'getAll'));
			},
		},
		{
			resource: 'task',
			operation: 'waitForTask',
			run: async (aluma) => {
				const [id] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);
				aluma.fake.advanceTask(id, 'completed');
				return await outputOf(aluma, params('task', 'waitForTask', { taskId: id, maxWait: 10, interval: 1 }));
			},
		},
		{
			resource: 'export',
			operation: 'start',
			run: async (aluma) => await outputOf(aluma, params('export', 'start', { taskId: await exportableTask(aluma), clientAction: 'export' })),
		},
		{
			resource: 'export',
			operation: 'exportTask',
			run: async (aluma) => await outputOf(aluma, params('export', 'exportTask', { taskId: await exportableTask(aluma) })),
		},
		{
			resource: 'export',
			operation: 'complete',
			run: async (aluma) => await outputOf(aluma, params('export', 'complete', { taskId: await startedExport(aluma), clientAction: 'export' })),
		},
		{
			resource: 'export',
			operation: 'cancel',
			run: async (aluma) => await outputOf(aluma, params('export', 'cancel', { taskId: await startedExport(aluma), clientAction: 'export' })),
		},
		{
			resource: 'export',
			operation: 'fail',
			run: async (aluma) =>
				await outputOf(aluma, params('export', 'fail', { taskId: await startedExport(aluma), clientAction: 'export', message: 'Rejected by the ERP' })),
		},
	];
}

/** The trigger's "Fetch test event": one task waiting for its export. */
export async function triggerTestEvent(aluma: FakeAlumaFixture): Promise<IDataObject[]> {
	await exportableTask(aluma);
	const { output } = await runManualPoll(aluma.store, { event: 'readyForExport' });
	return output.map((item) => item.json);
}
