/**
 * Extractor resource in n8n's engine against the fake Aluma server, whose extractors are real
 * state and whose templates are checked against its module catalogue: Get Many, Get, Create From
 * Modules (builder or JSON template), Create From File, Delete.
 *
 * Run: npx jest test/workflow/models/extractor.test.ts
 */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { byName, expectSuccess, failureOf, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { bytesItem, fromList, params, requestLines } from '../../support/tasks';

const aluma = useFakeAluma();

const extractor = (operation: string, parameters = {}) => params('extractor', operation, parameters);

/** The builder's value as n8n stores it for "Define With: Modules". */
const invoiceModules = {
	module: [
		{
			id: 'aluma.invoice_amounts',
			fieldAliases: { alias: [{ name: 'Gross Total', value: 'Amount Due' }] },
		},
		{
			id: 'aluma.invoice_type',
			arguments: {
				argument: [
					{ name: 'receiving_country', value: 'United Kingdom' },
					{ name: 'allow_debit_notes', value: 'true' },
				],
			},
		},
	],
};

const expectedTemplate = {
	modules: [
		{ id: 'aluma.invoice_amounts', field_aliases: [{ field: 'Gross Total', alias: 'Amount Due' }] },
		// The builder's text "true" goes as the boolean the module declares (GET /modules).
		{ id: 'aluma.invoice_type', arguments: { receiving_country: 'United Kingdom', allow_debit_notes: true } },
	],
};

describe('Get Many', () => {
	it('returns one item per extractor Aluma holds', async () => {
		expectSuccess(
			await aluma.run({
				parameters: extractor('create', { extractorName: 'emails', defineWith: 'json', template: '{"modules":[{"id":"aluma.email_address"}]}' }),
			}),
		);

		const result = await aluma.run({ parameters: extractor('getAll') });

		expect(jsonOf(result).map((json) => json.name)).toEqual(['aluma.invoices.gb', 'emails']);
		expect(jsonOf(result)[1]).toMatchObject({ _links: { self: { href: '/extractors/emails' } } });
	});
});

describe('Get', () => {
	it('returns the extractor with its fields', async () => {
		const result = await aluma.run({ parameters: extractor('get', { extractor: fromList('aluma.invoices.gb') }) });

		expect(jsonOf(result)[0]).toMatchObject({
			name: 'aluma.invoices.gb',
			fields: expect.arrayContaining(['Invoice Number', 'Invoice Date', 'Gross Total']),
			modules: null,
		});
	});

	it('fails with a NodeApiError saying the extractor was not found', async () => {
		const result = await aluma.run({ parameters: extractor('get', { extractor: byName('nope') }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma has no extractor named "nope" (parameter "Extractor")',
			httpCode: '404',
		});
	});
});

describe('Create From Modules', () => {
	it('sends the template built from the chosen modules, their arguments and field aliases', async () => {
		const result = await aluma.run({
			parameters: extractor('create', { extractorName: 'invoices-uk', defineWith: 'modules', modules: invoiceModules }),
		});

		expect(jsonOf(result)).toEqual([
			expect.objectContaining({ name: 'invoices-uk', created: true, template: expectedTemplate, modules: expectedTemplate.modules }),
		]);
		expect(requestLines(aluma.fake)).toEqual(['GET /modules', 'POST /extractors/invoices-uk']);
		const [create] = aluma.fake.requests().filter((entry) => entry.route === 'POST /extractors/:name');
		expect(create).toMatchObject({ path: '/extractors/invoices-uk', contentType: 'application/json', status: 201 });
		expect(create.bodyBytes).toBe(Buffer.byteLength(JSON.stringify(expectedTemplate)));
		// What the fake stored is what it received.
		expect(aluma.fake.state.extractors.get('invoices-uk')?.modules).toEqual(expectedTemplate.modules);

		const got = await aluma.run({ parameters: extractor('get', { extractor: fromList('invoices-uk') }) });
		expect(jsonOf(got)[0]).toMatchObject({ fields: ['Net Total', 'Tax Total', 'Amount Due', 'Invoice Type'], modules: expectedTemplate.modules });
	});

	it('takes the module ID from an expression, as the dropdown allows', async () => {
		const result = await aluma.run({
			parameters: extractor('create', {
				extractorName: '={{ $json.name }}',
				modules: { module: [{ id: '={{ $json.module }}' }] },
			}),
			items: [{ json: { name: 'people', module: 'aluma.name' } }],
		});

		expect(jsonOf(result)[0]).toMatchObject({ name: 'people', template: { modules: [{ id: 'aluma.name' }] }, fields: ['Name'] });
	});

	it("reports Aluma's 422 for a module missing a required argument, and creates nothing", async () => {
		const result = await aluma.run({
			parameters: extractor('create', { extractorName: 'suppliers', modules: { module: [{ id: 'aluma.supplier_identity' }] } }),
		});

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message:
				'Aluma could not process the request to create the extractor "suppliers": modules[0] (aluma.supplier_identity) needs the "connection_string" argument.',
			httpCode: '422',
		});
		expect(failureOf(result).description).toContain('Aluma error reference: urn:uuid:');
		expect(aluma.fake.state.extractors.has('suppliers')).toBe(false);
	});

	it('refuses an argument that is not of the type its module declares, naming module and argument, before creating anything', async () => {
		const result = await aluma.run({
			parameters: extractor('create', {
				extractorName: 'invoices-de',
				modules: { module: [{ id: 'aluma.invoice_type', arguments: { argument: [{ name: 'receiving_country', value: 'Germany' }, { name: 'allow_claim_notes', value: 'yes' }] } }] },
			}),
		});

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failureOf(result)).toMatchObject({
			message: 'Module 1 (aluma.invoice_type): the argument "allow_claim_notes" must be true or false (got "yes") (parameter "Modules")',
			description: 'aluma.invoice_type declares "allow_claim_notes" as boolean; enter true or false',
			itemIndex: 0,
		});
		expect(requestLines(aluma.fake)).toEqual(['GET /modules']);
	});

	it('names the field when Aluma refuses a wrongly typed argument of a JSON template', async () => {
		const template = { modules: [{ id: 'aluma.invoice_type', arguments: { receiving_country: 'Germany', allow_debit_notes: 'true' } }] };

		const result = await aluma.run({ parameters: extractor('create', { extractorName: 'typed', defineWith: 'json', template: JSON.stringify(template) }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma rejected the request to create the extractor "typed" as invalid (field "modules[0].arguments.allow_debit_notes")',
			httpCode: '400',
		});
		expect(failureOf(result).description).toContain('Problems: modules[0].arguments.allow_debit_notes: must be a boolean, not "true"');
		expect(aluma.fake.state.extractors.has('typed')).toBe(false);
	});

	it('refuses a builder with no module, before any request', async () => {
		const result = await aluma.run({ parameters: extractor('create', { extractorName: 'empty', modules: {} }) });

		expect(result.error).toBeInstanceOf(NodeOperationError);
		expect(failureOf(result)).toMatchObject({
			message: 'No modules chosen (parameter "Modules")',
			description: 'Add at least one module, e.g. aluma.invoice_amounts',
			itemIndex: 0,
		});
		expect(aluma.fake.requests()).toEqual([]);
	});

	it('refuses a module entry with no module picked, naming its position', async () => {
		const result = await aluma.run({
			parameters: extractor('create', { extractorName: 'half', modules: { module: [{ id: 'aluma.name' }, { id: '' }] } }),
		});

		expect(failureOf(result)).toMatchObject({ name: 'NodeOperationError', message: 'Module 2 has no module chosen (parameter "Modules")' });
		expect(aluma.fake.requests()).toEqual([]);
	});

	it('sends a JSON template as it is', async () => {
		const template = { modules: [{ id: 'aluma.purchase_order', arguments: { order_number_format: 'PO-\\d+' } }] };

		const result = await aluma.run({
			parameters: extractor('create', { extractorName: 'orders', defineWith: 'json', template: JSON.stringify(template) }),
		});

		expect(jsonOf(result)[0]).toMatchObject({ name: 'orders', created: true, template, fields: ['Purchase Order Number'] });
		expect(aluma.fake.state.extractors.get('orders')?.modules).toEqual(template.modules);
	});

	it('refuses a JSON template that is not valid JSON or has no modules, before any request', async () => {
		const result = await aluma.run({
			parameters: extractor('create', { extractorName: '={{ $json.name }}', defineWith: 'json', template: '={{ $json.template }}' }),
			items: [
				{ json: { name: 'broken', template: '{"modules": [' } },
				{ json: { name: 'empty', template: '{"modules": []}' } },
			],
			continueOnFail: true,
		});

		expect(jsonOf(result)).toEqual([
			{
				error: 'The parameter "Template" is not a valid extractor template',
				description: 'Give a JSON object with a non-empty "modules" array, e.g. {"modules":[{"id":"aluma.invoice_amounts"}]}',
			},
			{
				error: 'The parameter "Template" is not a valid extractor template',
				description: 'Give a JSON object with a non-empty "modules" array, e.g. {"modules":[{"id":"aluma.invoice_amounts"}]}',
			},
		]);
		expect(aluma.fake.requests()).toEqual([]);
	});

	it('refuses a name with characters Aluma does not accept, naming the parameter and the item', async () => {
		const result = await aluma.run({
			parameters: extractor('create', { extractorName: '={{ $json.name }}', modules: invoiceModules }),
			items: [{ json: { name: 'ok-name' } }, { json: { name: 'Rechnungen (DE)' } }],
		});

		expect(failureOf(result)).toMatchObject({
			name: 'NodeOperationError',
			message: 'The extractor name "Rechnungen (DE)" contains characters Aluma does not accept (parameter "Extractor Name")',
			itemIndex: 1,
		});
		// Item 0 went through before item 1 stopped the run.
		expect(requestLines(aluma.fake)).toEqual(['GET /modules', 'POST /extractors/ok-name']);
	});

	it('turns the 409 for a name already taken into a NodeApiError', async () => {
		const result = await aluma.run({ parameters: extractor('create', { extractorName: 'aluma.invoices.gb', modules: invoiceModules }) });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(failureOf(result)).toMatchObject({
			message: 'Aluma reported a conflict when trying to create the extractor "aluma.invoices.gb"',
			httpCode: '409',
			description:
				"Aluma said: An extractor named 'aluma.invoices.gb' already exists. Something with this name already exists. Choose another name or delete the existing one first",
		});
		expect(aluma.fake.state.extractors.get('aluma.invoices.gb')?.source).toBe('seed');
	});
});

describe('Create From File', () => {
	it.each(['memory', 'filesystem'] as const)('uploads the configuration file as it is (%s binary mode)', async (binaryMode) => {
		const config = Buffer.from('<?xml version="1.0"?><FieldProfile name="legacy"><Field name="Total"/></FieldProfile>');

		const result = await aluma.run({
			parameters: extractor('createFromFile', { extractorName: 'legacy-config' }),
			items: [bytesItem(config, 'legacy.fpxlc', 'application/xml')],
			binaryMode,
		});

		expect(jsonOf(result)).toEqual([expect.objectContaining({ name: 'legacy-config', created: true, fields: [], modules: null })]);
		const [create] = aluma.fake.requests().filter((entry) => entry.route === 'POST /extractors/:name');
		expect(create).toMatchObject({ contentType: 'application/octet-stream', bodyBytes: config.length, status: 201 });
		expect(aluma.fake.state.extractors.get('legacy-config')).toMatchObject({ source: 'config', configBytes: config.length });
	});

	it('refuses an empty configuration file before any request', async () => {
		const result = await aluma.run({
			parameters: extractor('createFromFile', { extractorName: 'legacy-config' }),
			items: [bytesItem(Buffer.alloc(0), 'legacy.fpxlc', 'application/xml')],
		});

		expect(failureOf(result)).toMatchObject({ name: 'NodeOperationError', message: 'The file in binary property "data" of item 0 is empty (parameter "Input Binary Field")' });
		expect(aluma.fake.requests()).toEqual([]);
	});
});

describe('Delete', () => {
	it('deletes the extractor, after which Get Many no longer lists it', async () => {
		const deleted = await aluma.run({ parameters: extractor('deleteExtractor', { extractor: fromList('aluma.invoices.gb') }) });
		expect(jsonOf(deleted)).toEqual([{ deleted: true, name: 'aluma.invoices.gb' }]);

		const listed = await aluma.run({ parameters: extractor('getAll') });
		expect(jsonOf(listed)).toEqual([]);
		expect(requestLines(aluma.fake)).toEqual(['DELETE /extractors/aluma.invoices.gb', 'GET /extractors']);
	});

	it('fails with a NodeApiError for an extractor that is already gone', async () => {
		const result = await aluma.run({ parameters: extractor('deleteExtractor', { extractor: byName('gone') }) });

		expect(failureOf(result)).toMatchObject({
			name: 'NodeApiError',
			message: 'Aluma has no extractor named "gone" (parameter "Extractor")',
			httpCode: '404',
		});
	});
});
