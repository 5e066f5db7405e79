import type { INodeProperties } from 'n8n-workflow';

import type { AlumaOperation } from '../operation';
import * as classify from './classify.operation';
import * as classifyAndExtract from './classifyAndExtract.operation';
import * as classifyFile from './classifyFile.operation';
import * as create from './create.operation';
import * as deleteDocument from './deleteDocument.operation';
import * as extract from './extract.operation';
import * as extractFromFile from './extractFromFile.operation';
import * as generateSuggestions from './generateSuggestions.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getReadResult from './getReadResult.operation';
import * as importFromUrl from './importFromUrl.operation';
import * as read from './read.operation';
import * as readFile from './readFile.operation';
import * as redact from './redact.operation';
import * as redactFile from './redactFile.operation';
import * as storeSuggestionResult from './storeSuggestionResult.operation';
import * as suggestFileNameAndFolder from './suggestFileNameAndFolder.operation';

/** The router looks an operation up by its value; the fields follow in this order in the description. */
export const operations = {
	create,
	importFromUrl,
	get,
	getAll,
	deleteDocument,
	read,
	readFile,
	getReadResult,
	classify,
	classifyFile,
	extract,
	extractFromFile,
	classifyAndExtract,
	redact,
	redactFile,
	generateSuggestions,
	storeSuggestionResult,
	suggestFileNameAndFolder,
} satisfies Record<string, AlumaOperation>;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			// n8n sorts operations by name: each one-step "… File" operation (recommended: nothing is left
			// in Aluma) comes just before its step-by-step "… Stored Document" twin.
			{ name: 'Classify and Extract', value: 'classifyAndExtract', action: 'Classify a file and extract its data', description: 'Recommended for mixed mail. Uploads the file once, classifies it, runs the extractor mapped to its document type, then deletes it.' },
			{ name: 'Classify File', value: 'classifyFile', action: 'Classify a file', description: 'Recommended. Finds the document type of a file: uploads it, classifies it and deletes it in one step.' },
			{ name: 'Classify Stored Document', value: 'classify', action: 'Classify a stored document', description: 'Step by step: finds the document type of a document already in Aluma (from Create From File or Import From URL)' },
			{ name: 'Create From File', value: 'create', action: 'Create a document from a file', description: 'Step by step: uploads a file as a new Aluma document, to run several steps on it; delete it when done' },
			{ name: 'Delete', value: 'deleteDocument', action: 'Delete a document', description: 'Deletes a document from Aluma' },
			{ name: 'Extract From File', value: 'extractFromFile', action: 'Extract data from a file', description: 'Recommended. Extracts fields from a file with an extractor: uploads it, extracts and deletes it in one step.' },
			{ name: 'Extract From Stored Document', value: 'extract', action: 'Extract data from a stored document', description: 'Step by step: runs an extractor on a document already in Aluma' },
			{ name: 'Generate Suggestions for Stored Document', value: 'generateSuggestions', action: 'Suggest a file name and folder for a stored document', description: 'Step by step: Aluma\'s file name and folder suggestions for a document already in Aluma' },
			{ name: 'Get', value: 'get', action: 'Get a document', description: 'Retrieves a document\'s details: file type, size and SHA-256' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many documents', description: 'Lists the documents the API client holds in Aluma' },
			{ name: 'Get Read Result of Stored Document', value: 'getReadResult', action: 'Get the read result of a stored document', description: 'Step by step: the text, searchable PDF or read ZIP of an earlier Read Stored Document, without reading again' },
			{ name: 'Import From URL', value: 'importFromUrl', action: 'Import a document from a URL', description: 'Step by step: lets Aluma download a file as a new document; delete it when done' },
			{ name: 'Read File', value: 'readFile', action: 'Read a file', description: 'Recommended. Runs OCR on a file: uploads it, reads it and deletes it in one step.' },
			{ name: 'Read Stored Document', value: 'read', action: 'Read a stored document', description: 'Step by step: runs OCR on a document already in Aluma' },
			{ name: 'Redact File', value: 'redactFile', action: 'Redact a file', description: 'Recommended. Returns a redacted PDF of a file: uploads it, redacts it and deletes it in one step.' },
			{ name: 'Redact Stored Document', value: 'redact', action: 'Redact a stored document', description: 'Step by step: returns a redacted PDF of a document already in Aluma' },
			{ name: 'Store Suggestion Result', value: 'storeSuggestionResult', action: 'Store the chosen folder of a document', description: 'Tells Aluma where a document was filed, so its suggestions learn' },
			{ name: 'Suggest File Name and Folder', value: 'suggestFileNameAndFolder', action: 'Suggest a file name and folder for a file', description: 'Recommended. Suggests a file name and folder for a file: uploads it, asks Aluma and deletes it in one step.' },
		],
		default: 'extractFromFile',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
];
