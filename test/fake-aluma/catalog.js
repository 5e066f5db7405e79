// Built-in definitions: the extraction modules Aluma documents (ids and parameters from
// docs.aluma.io; names, summaries and field names are the fake's own wording) and the seeded
// classifier and extractor.
'use strict';

const param = (id, name, type, description, required = false) => ({ id, name, type, description, required });
const field = (name, description) => ({ name, description });

const MODULES = [
	{
		id: 'aluma.email_address',
		name: 'Email address',
		summary: 'Finds an email address.',
		description: 'Extracts the first email address in the document.',
		fields: [field('Email', 'An email address')],
		parameters: [],
	},
	{
		id: 'aluma.invoice_amounts',
		name: 'Invoice amounts',
		summary: 'Finds the net, tax and gross totals of an invoice.',
		description: 'Extracts the totals of an invoice as typed amounts.',
		fields: [field('Net Total', 'Total before tax'), field('Tax Total', 'Total tax'), field('Gross Total', 'Total including tax')],
		parameters: [],
	},
	{
		id: 'aluma.purchase_order',
		name: 'Purchase order number',
		summary: 'Finds a purchase order number.',
		description: 'Extracts a purchase order number, optionally restricted to a format.',
		fields: [field('Purchase Order Number', 'The purchase order number')],
		parameters: [param('order_number_format', 'Order number format', 'regex', 'Regular expression the order number must match')],
	},
	{
		id: 'aluma.supplier_identity',
		name: 'Supplier identity',
		summary: 'Identifies the supplier of an invoice.',
		description: 'Matches the supplier against a supplier database.',
		fields: [field('Supplier Name', 'The supplier name'), field('Supplier Id', 'The supplier id in your database')],
		parameters: [param('connection_string', 'Connection string', 'string', 'Connection string of the supplier database', true)],
	},
	{
		id: 'aluma.invoice_type',
		name: 'Invoice type',
		summary: 'Tells invoices from credit and debit notes.',
		description: 'Classifies the invoice type for the receiving country.',
		fields: [field('Invoice Type', 'Invoice, Credit Note or Debit Note')],
		parameters: [
			param('receiving_country', 'Receiving country', 'string', 'United Kingdom or Germany', true),
			param('allow_debit_notes', 'Allow debit notes', 'boolean', 'Whether debit notes are accepted'),
			param('allow_claim_notes', 'Allow claim notes', 'boolean', 'Whether claim notes are accepted'),
		],
	},
	{
		id: 'aluma.invoice_line_items',
		name: 'Invoice line items',
		summary: 'Extracts the line items table of an invoice.',
		description: 'Extracts line items and matches them against purchase order lines in a database.',
		fields: [field('Line Items', 'Table of Description, Quantity, Unit Price, Amount')],
		parameters: [
			param('connection_string', 'Connection string', 'string', 'Connection string of the purchase order database', true),
			param('provider', 'Provider', 'string', 'mssql or mysql', true),
			param('line_items_table', 'Line items table', 'string', 'Table holding purchase order lines', true),
			param('schema', 'Schema', 'string', 'Database schema'),
			param('purchase_order_format', 'Purchase order format', 'regex', 'Regular expression of purchase order numbers'),
		],
	},
	{
		id: 'aluma.name',
		name: 'Name',
		summary: 'Finds a person name.',
		description: 'Extracts a name written as "Name: ...".',
		fields: [field('Name', 'A person name')],
		parameters: [],
	},
	{
		id: 'aluma.simple_text',
		name: 'Simple text',
		summary: 'Finds a given text.',
		description: 'Extracts the line starting at the given search text.',
		fields: [field('Text', 'The text found')],
		parameters: [param('text', 'Text', 'string', 'Text to search for', true)],
	},
];

/** Which module fields are tables (their result is `tabular_results`). */
const TABLE_FIELDS = new Set(['Line Items']);

/** Keyword table of the seeded `mailroom` classifier; Letter is the catch-all. */
const MAILROOM_TYPES = [
	{ name: 'Invoice', keywords: ['invoice'], baseline: 0, samples: 12 },
	{ name: 'Purchase Order', keywords: ['purchase order'], baseline: 0, samples: 9 },
	{ name: 'Letter', keywords: [], baseline: 1, samples: 15 },
];

const INVOICE_EXTRACTOR_FIELDS = [
	'Invoice Number',
	'Invoice Date',
	'Supplier Name',
	'Net Total',
	'Tax Total',
	'Gross Total',
	'Line Items',
].map((name) => ({ name, table: TABLE_FIELDS.has(name) }));

module.exports = { MODULES, TABLE_FIELDS, MAILROOM_TYPES, INVOICE_EXTRACTOR_FIELDS };
