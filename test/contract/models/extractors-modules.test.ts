/**
 * Contract of the Extractor and Module resources with Aluma's extractor and module APIs: the exact
 * template JSON the builder sends, the configuration-file upload,
 * answers of both error formats, and how module lists with missing parts are read. nock answers;
 * the network is closed. Binary data in n8n's memory mode (see classifiers.test.ts).
 *
 * Run: npx jest test/contract/models/extractors-modules.test.ts
 */
import { expectSuccess, failureOf, fileItem, problem, useContract } from '../../support/contractRecorder';

const contract = useContract();

const extractor = (operation: string, parameters = {}) => ({ resource: 'extractor', operation, ...parameters });
const byName = (value: string) => ({ __rl: true, mode: 'name', value });

describe('Extractor Get Many', () => {
	it('sends GET /extractors and keeps only entries that have a name', async () => {
		contract.aluma().get('/extractors').reply(contract.reply(200, { extractors: [{ name: 'aluma.invoices.gb' }, { title: 'x' }] }));

		expect(expectSuccess(await contract.run(extractor('getAll')))).toEqual([{ name: 'aluma.invoices.gb' }]);
	});
});

describe('Extractor Get', () => {
	it('sends GET /extractors/{name}', async () => {
		contract.aluma().get('/extractors/aluma.invoices.gb').reply(contract.reply(200, { name: 'aluma.invoices.gb', fields: ['Total'] }));

		expect(expectSuccess(await contract.run(extractor('get', { extractor: byName('aluma.invoices.gb') })))).toEqual([{ name: 'aluma.invoices.gb', fields: ['Total'] }]);
	});
});

/** GET /modules as Aluma's Waives-era clients read it: parameters with an id and a type. */
const CATALOG = {
	modules: [
		{ id: 'aluma.invoice_amounts', parameters: [] },
		{
			id: 'aluma.invoice_type',
			parameters: [
				{ id: 'receiving_country', type: 'string', required: true },
				{ id: 'allow_debit_notes', type: 'boolean' },
				{ id: 'allow_claim_notes', type: 'boolean' },
			],
		},
		{ id: 'aluma.line_items', parameters: [{ id: 'max_rows', type: 'integer' }, { id: 'tolerance', type: 'number' }, { id: 'schema', type: 'string' }] },
	],
};

describe('Extractor Create From Modules', () => {
	it('sends exactly the template built from modules, arguments and aliases, as JSON, each argument with its declared type', async () => {
		contract.aluma().get('/modules').reply(contract.reply(200, CATALOG));
		contract.aluma().post('/extractors/invoices-uk').reply(contract.reply(201, { name: 'invoices-uk' }));

		const result = await contract.run(
			extractor('create', {
				extractorName: 'invoices-uk',
				modules: {
					module: [
						{ id: 'aluma.invoice_amounts', fieldAliases: { alias: [{ name: 'Gross Total', value: 'Amount Due' }, { name: '', value: 'ignored' }] } },
						{
							id: 'aluma.invoice_type',
							arguments: { argument: [{ name: 'receiving_country', value: 'Germany' }, { name: 'allow_debit_notes', value: ' TRUE ' }, { name: 'allow_claim_notes', value: 'false' }] },
						},
						{ id: 'aluma.line_items', arguments: { argument: [{ name: 'max_rows', value: '40' }, { name: 'tolerance', value: '0.05' }, { name: 'schema', value: '007' }] } },
						{ id: ' aluma.email_address ' },
					],
				},
			}),
		);

		const template = {
			modules: [
				{ id: 'aluma.invoice_amounts', field_aliases: [{ field: 'Gross Total', alias: 'Amount Due' }] },
				{ id: 'aluma.invoice_type', arguments: { receiving_country: 'Germany', allow_debit_notes: true, allow_claim_notes: false } },
				{ id: 'aluma.line_items', arguments: { max_rows: 40, tolerance: 0.05, schema: '007' } },
				{ id: 'aluma.email_address' },
			],
		};
		expect(expectSuccess(result)).toEqual([{ name: 'invoices-uk', created: true, template }]);
		expect(contract.seen.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /modules', 'POST /extractors/invoices-uk']);
		expect(contract.seen[1].headers['content-type']).toBe('application/json');
		expect(JSON.parse(contract.seen[1].body.toString('utf8'))).toEqual(template);
	});

	it.each([
		['allow_debit_notes', 'yes', 'true or false'],
		['allow_debit_notes', '', 'true or false'],
		['max_rows', '4.5', 'a whole number, e.g. 3'],
		['tolerance', 'abc', 'a number, e.g. 2.5'],
	])('refuses %s = %p before creating anything, naming the module and argument', async (name, value, expected) => {
		contract.aluma().get('/modules').reply(contract.reply(200, CATALOG));
		const moduleId = name === 'allow_debit_notes' ? 'aluma.invoice_type' : 'aluma.line_items';

		const failure = failureOf(
			await contract.run(extractor('create', { extractorName: 'typed', modules: { module: [{ id: moduleId, arguments: { argument: [{ name, value }] } }] } })),
		);

		expect(failure).toMatchObject({
			name: 'NodeOperationError',
			message: `Module 1 (${moduleId}): the argument "${name}" must be ${expected} (got ${JSON.stringify(value)}) (parameter "Modules")`,
		});
		expect(contract.seen.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /modules']);
	});

	it('names the field of a 400 problem with errors[].field', async () => {
		contract.aluma().get('/modules').reply(contract.reply(200, CATALOG));
		contract
			.aluma()
			.post('/extractors/typed')
			.reply(
				contract.reply(
					400,
					{ ...problem(400, 'invalid-request', 'The request is invalid', '1 argument(s) have the wrong type.'), errors: [{ field: 'modules[0].arguments.receiving_country', detail: 'must be United Kingdom or Germany' }] },
					{ 'content-type': 'application/problem+json' },
				),
			);

		const failure = failureOf(
			await contract.run(
				extractor('create', { extractorName: 'typed', modules: { module: [{ id: 'aluma.invoice_type', arguments: { argument: [{ name: 'receiving_country', value: 'France' }] } }] } }),
			),
		);

		expect(failure).toMatchObject({
			name: 'NodeApiError',
			httpCode: '400',
			message: 'Aluma rejected the request to create the extractor "typed" as invalid (field "modules[0].arguments.receiving_country")',
		});
		expect(failure.description).toContain('Problems: modules[0].arguments.receiving_country: must be United Kingdom or Germany');
	});

	it('sends a JSON template given as text unchanged', async () => {
		contract.aluma().post('/extractors/orders').reply(contract.reply(201));
		const template = { modules: [{ id: 'aluma.purchase_order', arguments: { order_number_format: 'PO-\\d{6}' } }], options: { keep: true } };

		const result = await contract.run(extractor('create', { extractorName: 'orders', defineWith: 'json', template: JSON.stringify(template, null, 2) }));

		expect(expectSuccess(result)).toEqual([{ name: 'orders', created: true, template }]);
		expect(JSON.parse(contract.seen[0].body.toString('utf8'))).toEqual(template);
	});

	it("puts Aluma's problem detail into the message of a 422", async () => {
		contract
			.aluma()
			.post('/extractors/suppliers')
			.reply(
				contract.reply(
					422,
					problem(422, 'invalid-extractor-template', 'The extractor template is invalid', 'modules[0] (aluma.supplier_identity) needs the "connection_string" argument.'),
					{ 'content-type': 'application/problem+json' },
				),
			);

		const failure = failureOf(await contract.run(extractor('create', { extractorName: 'suppliers', modules: { module: [{ id: 'aluma.supplier_identity' }] } })));

		expect(failure).toMatchObject({
			name: 'NodeApiError',
			httpCode: '422',
			message: 'Aluma could not process the request to create the extractor "suppliers": modules[0] (aluma.supplier_identity) needs the "connection_string" argument.',
		});
		expect(failure.description).toContain('Aluma error reference: urn:uuid:0f5b8f3e-contract');
	});
});

describe('Extractor Create From File', () => {
	it('sends the configuration file as application/octet-stream with its length', async () => {
		const config = Buffer.from([0x3c, 0x3f, 0x78, 0x6d, 0x6c, 0x00, 0xff, 0x10, 0x20]);
		contract.aluma().post('/extractors/legacy').reply(contract.reply(201, { name: 'legacy', fields: [] }));

		const result = await contract.run(extractor('createFromFile', { extractorName: 'legacy' }), [fileItem(config, 'legacy.fpxlc', 'application/xml')]);

		expect(expectSuccess(result)).toEqual([{ name: 'legacy', created: true, fields: [] }]);
		expect(contract.seen[0].headers).toMatchObject({ 'content-type': 'application/octet-stream', 'content-length': String(config.length) });
		expect(contract.seen[0].body.equals(config)).toBe(true);
	});

	it('counts an empty 201 as created', async () => {
		contract.aluma().post('/extractors/legacy').reply(contract.reply(201));

		expect(expectSuccess(await contract.run(extractor('createFromFile', { extractorName: 'legacy' }), [fileItem(Buffer.from('cfg'), 'l.fpxlc', 'text/plain')]))).toEqual([
			{ name: 'legacy', created: true },
		]);
	});
});

describe('Extractor Delete', () => {
	it('sends DELETE /extractors/{name}', async () => {
		contract.aluma().delete('/extractors/old').reply(contract.reply(204));

		expect(expectSuccess(await contract.run(extractor('deleteExtractor', { extractor: byName('old') })))).toEqual([{ deleted: true, name: 'old' }]);
	});
});

describe('Module Get Many', () => {
	it('sends GET /modules and fills in what a module entry leaves out', async () => {
		contract
			.aluma()
			.get('/modules')
			.reply(
				contract.reply(200, {
					modules: [
						{ id: 'aluma.name', name: 'Name', summary: 'Finds a person name.', fields: [{ name: 'Name' }], parameters: [] },
						{ id: 'aluma.bare' },
						{ id: 'aluma.odd', fields: 'not a list', parameters: null },
						{ name: 'no id, dropped' },
					],
				}),
			);

		expect(expectSuccess(await contract.run({ resource: 'module', operation: 'getAll' }))).toEqual([
			{ id: 'aluma.name', name: 'Name', summary: 'Finds a person name.', fields: [{ name: 'Name' }], parameters: [] },
			{ id: 'aluma.bare', name: 'aluma.bare', summary: null, fields: [], parameters: [] },
			{ id: 'aluma.odd', name: 'aluma.odd', summary: null, fields: [], parameters: [] },
		]);
		expect(contract.seen.map((request) => `${request.method} ${request.path}`)).toEqual(['GET /modules']);
	});
});
