/**
 * The editor's dropdowns of the Aluma node and the Aluma Trigger (listSearch: searchClassifiers,
 * searchExtractors, searchProjects; loadOptions: getModules), called with n8n-core's
 * real LoadOptionsContext the way n8n's CLI does (DynamicNodeParametersService), against the
 * fake Aluma server's state.
 *
 * Run: npx jest test/workflow/models/methods.test.ts
 */
import type { INodeParameters } from 'n8n-workflow';

import { MODULES } from '../../fake-aluma/catalog';
import { expectSuccess, useFakeAluma } from '../support/aluma';
import { params, requestLines, uploadProject } from '../support-tasks/aluma-tasks';
import { listSearch, loadOptions } from '../support-tasks/n8n';

const aluma = useFakeAluma();

async function addModels(): Promise<void> {
	expectSuccess(
		await aluma.run({
			parameters: params('classifier', 'create', { classifierName: '={{ $json.name }}' }),
			items: ['zeta-Mail', 'Alpha', 'receipts'].map((name) => ({ json: { name } })),
		}),
	);
	expectSuccess(
		await aluma.run({
			parameters: params('extractor', 'create', { extractorName: '={{ $json.name }}', defineWith: 'json', template: '{"modules":[{"id":"aluma.name"}]}' }),
			items: ['people', 'INVOICES.de'].map((name) => ({ json: { name } })),
		}),
	);
}

describe('searchClassifiers', () => {
	it("lists Aluma's classifiers sorted by name", async () => {
		await addModels();

		const { results } = await listSearch('searchClassifiers', { store: aluma.store, path: 'parameters.classifier' });

		expect(results).toEqual([
			{ name: 'Alpha', value: 'Alpha' },
			{ name: 'mailroom', value: 'mailroom' },
			{ name: 'receipts', value: 'receipts' },
			{ name: 'zeta-Mail', value: 'zeta-Mail' },
		]);
	});

	it('keeps only the names containing the search text, ignoring case', async () => {
		await addModels();
		const before = aluma.fake.requests().length;

		const { results } = await listSearch('searchClassifiers', { store: aluma.store, filter: ' MAIL ' });

		expect(results).toEqual([
			{ name: 'mailroom', value: 'mailroom' },
			{ name: 'zeta-Mail', value: 'zeta-Mail' },
		]);
		expect(requestLines(aluma.fake, before)).toEqual(['GET /classifiers']);
	});
});

describe('searchExtractors', () => {
	it("lists Aluma's extractors, filtered by the search text", async () => {
		await addModels();

		expect((await listSearch('searchExtractors', { store: aluma.store })).results.map((entry) => entry.value)).toEqual([
			'aluma.invoices.gb',
			'INVOICES.de',
			'people',
		]);
		expect((await listSearch('searchExtractors', { store: aluma.store, filter: 'invoices' })).results).toEqual([
			{ name: 'aluma.invoices.gb', value: 'aluma.invoices.gb' },
			{ name: 'INVOICES.de', value: 'INVOICES.de' },
		]);
		expect((await listSearch('searchExtractors', { store: aluma.store, filter: 'nothing-like-this' })).results).toEqual([]);
	});
});

describe('searchProjects', () => {
	it('lists projects by name with their IDs as values, for the Aluma node and the trigger', async () => {
		const receipts = await uploadProject(aluma, 'receipts.alproj');

		const expected = [
			{ name: 'Invoices', value: 'invoices-project-seed1' },
			{ name: 'Receipts', value: receipts },
		];
		expect((await listSearch('searchProjects', { store: aluma.store })).results).toEqual(expected);
		expect((await listSearch('searchProjects', { store: aluma.store, nodeType: 'alumaTrigger' })).results).toEqual(expected);
	});

	it('finds a project by part of its name or by its exact ID', async () => {
		const receipts = await uploadProject(aluma, 'receipts.alproj');

		expect((await listSearch('searchProjects', { store: aluma.store, filter: 'CEIPT' })).results).toEqual([{ name: 'Receipts', value: receipts }]);
		expect((await listSearch('searchProjects', { store: aluma.store, filter: 'invoices-project-seed1' })).results).toEqual([
			{ name: 'Invoices', value: 'invoices-project-seed1' },
		]);
		expect((await listSearch('searchProjects', { store: aluma.store, filter: 'invoices-project' })).results).toEqual([]);
	});
});

describe('getModules', () => {
	it('offers every module by name with its ID as value and its summary as description, sorted by name', async () => {
		const options = await loadOptions('getModules', { store: aluma.store, path: 'parameters.modules.module[0].id' });

		const catalog = MODULES as Array<{ id: string; name: string; summary: string }>;
		expect(options).toEqual(
			[...catalog]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((module) => ({ name: module.name, value: module.id, description: module.summary })),
		);
		expect(options[0]).toEqual({ name: 'Email address', value: 'aluma.email_address', description: 'Finds an email address.' });
		expect(requestLines(aluma.fake)).toEqual(['GET /modules']);
	});

	it('fails with the NodeApiError of the request when Aluma is unavailable', async () => {
		aluma.fake.injectFault({ kind: 'status', status: 404, path: '^/modules$' });

		await expect(loadOptions('getModules', { store: aluma.store })).rejects.toMatchObject({
			name: 'NodeApiError',
			message: 'Aluma could not find what was asked for when trying to list the modules',
			httpCode: '404',
		});
	});
});

describe('getModuleParameters and getModuleFields', () => {
	const parameters = { resource: 'extractor', operation: 'create', modules: { module: [{ id: 'aluma.purchase_order' }, { id: 'aluma.invoice_amounts' }] } };

	it('offer the parameters of the chosen modules with their types', async () => {
		const options = await loadOptions('getModuleParameters', { store: aluma.store, parameters, path: 'parameters.modules.module[0].arguments.argument[0].name' });

		expect(options).toEqual([{ name: 'order_number_format (regex)', value: 'order_number_format', description: expect.stringContaining('Regular expression the order number must match') }]);
	});

	it('offer the fields of the chosen modules', async () => {
		const options = await loadOptions('getModuleFields', { store: aluma.store, parameters, path: 'parameters.modules.module[1].fieldAliases.alias[0].name' });

		expect(options.map((option) => option.value)).toEqual(['Purchase Order Number', 'Net Total', 'Tax Total', 'Gross Total']);
	});

	it('offer nothing before a module is chosen', async () => {
		expect(await loadOptions('getModuleParameters', { store: aluma.store, parameters: { resource: 'extractor', operation: 'create' } })).toEqual([]);
	});
});

describe('searchExtractorFields', () => {
	const lineItems = { connection_string: 'Server=db', provider: 'mssql', line_items_table: 'po_lines' };
	const template = JSON.stringify({ modules: [{ id: 'aluma.invoice_amounts' }, { id: 'aluma.invoice_line_items', arguments: lineItems }] });
	const extractNode = (extractor: INodeParameters | string): INodeParameters => ({ resource: 'document', operation: 'extract', extractor });

	beforeEach(async () => {
		expectSuccess(await aluma.run({ parameters: params('extractor', 'create', { extractorName: 'invoice-lines', defineWith: 'json', template }) }));
	});

	it("lists the fields of the chosen extractor's modules, table fields first, each naming its module", async () => {
		const before = aluma.fake.requests().length;

		const { results } = await listSearch('searchExtractorFields', {
			store: aluma.store,
			parameters: extractNode({ __rl: true, mode: 'list', value: 'invoice-lines' }),
			path: 'parameters.splitTableField',
		});

		expect(results).toEqual([
			{ name: 'Line Items (table)', value: 'Line Items', description: 'Field of the module Invoice line items' },
			{ name: 'Net Total', value: 'Net Total', description: 'Field of the module Invoice amounts' },
			{ name: 'Tax Total', value: 'Tax Total', description: 'Field of the module Invoice amounts' },
			{ name: 'Gross Total', value: 'Gross Total', description: 'Field of the module Invoice amounts' },
		]);
		expect(requestLines(aluma.fake, before).sort()).toEqual(['GET /extractors/invoice-lines', 'GET /modules']);
	});

	it('reads an extractor saved as plain text, and filters by the search text', async () => {
		const { results } = await listSearch('searchExtractorFields', { store: aluma.store, parameters: extractNode('invoice-lines'), filter: 'line' });

		expect(results.map((entry) => entry.value)).toEqual(['Line Items']);
	});

	it("lists the fields of Classify and Extract's mapped and fallback extractors", async () => {
		const parameters = {
			resource: 'document',
			operation: 'classifyAndExtract',
			extractorMapping: { mapping: [{ documentType: 'Invoice', extractor: { __rl: true, mode: 'list', value: 'invoice-lines' } }] },
			fallbackExtractor: { __rl: true, mode: 'name', value: 'aluma.invoices.gb' },
		};

		const { results } = await listSearch('searchExtractorFields', { store: aluma.store, parameters });

		expect(results[0]).toEqual({ name: 'Line Items (table)', value: 'Line Items', description: 'Field of the module Invoice line items' });
		expect(results.map((entry) => entry.value)).toEqual(expect.arrayContaining(['Invoice Number', 'Supplier Name', 'Gross Total']));
	});

	it('fails with no error when the module catalogue or the extractor cannot be read: the fields the extractor names, or nothing', async () => {
		aluma.fake.injectFault({ kind: 'status', status: 404, path: '^/modules$' });
		const withoutCatalogue = await listSearch('searchExtractorFields', { store: aluma.store, parameters: extractNode('invoice-lines') });
		expect(withoutCatalogue.results.map((entry) => [entry.value, entry.description])).toEqual(
			['Net Total', 'Tax Total', 'Gross Total', 'Line Items'].map((name) => [name, 'Field of the extractor']),
		);

		expect((await listSearch('searchExtractorFields', { store: aluma.store, parameters: extractNode('no-such-extractor') })).results).toEqual([]);
		expect((await listSearch('searchExtractorFields', { store: aluma.store, parameters: extractNode('') })).results).toEqual([]);
	});
});
