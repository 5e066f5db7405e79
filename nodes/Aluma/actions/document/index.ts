import type { INodeProperties } from 'n8n-workflow';

import * as classify from './classify.operation';
import * as classifyAndExtract from './classifyAndExtract.operation';
import * as classifyFile from './classifyFile.operation';
import * as create from './create.operation';
import * as deleteDocument from './delete.operation';
import * as extract from './extract.operation';
import * as extractFromFile from './extractFromFile.operation';
import * as generateSuggestions from './generateSuggestions.operation';
import * as get from './get.operation';
import * as getAll from './getMany.operation';
import * as importFromUrl from './importFromUrl.operation';
import * as read from './read.operation';
import * as readFile from './readFile.operation';
import * as redact from './redact.operation';
import * as redactFile from './redactFile.operation';
import * as storeSuggestionResult from './storeSuggestionResult.operation';
import * as suggestFileNameAndFolder from './suggestFileNameAndFolder.operation';

export {
	classify,
	classifyAndExtract,
	classifyFile,
	create,
	deleteDocument,
	extract,
	extractFromFile,
	generateSuggestions,
	get,
	getAll,
	importFromUrl,
	read,
	readFile,
	redact,
	redactFile,
	storeSuggestionResult,
	suggestFileNameAndFolder,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['document'] } },
		options: [
			{ name: 'Classify', value: 'classify', action: 'Classify a document', description: 'Find the document type of a document already in Aluma' },
			{ name: 'Classify and Extract', value: 'classifyAndExtract', action: 'Classify a file and extract its data', description: 'Upload once, classify, run the extractor mapped to the document type, delete' },
			{ name: 'Classify File', value: 'classifyFile', action: 'Classify a file', description: 'Upload, classify and delete in one step' },
			{ name: 'Create From File', value: 'create', action: 'Create a document from a file', description: 'Upload a file as a new Aluma document' },
			{ name: 'Delete', value: 'deleteDocument', action: 'Delete a document' },
			{ name: 'Extract', value: 'extract', action: 'Extract data from a document', description: 'Run an extractor on a document already in Aluma' },
			{ name: 'Extract From File', value: 'extractFromFile', action: 'Extract data from a file', description: 'Upload, extract and delete in one step' },
			{ name: 'Generate Suggestions', value: 'generateSuggestions', action: 'Suggest a file name and folder for a document', description: 'Get Aluma\'s file name and folder suggestions for a document already in Aluma' },
			{ name: 'Get', value: 'get', action: 'Get a document' },
			{ name: 'Get Many', value: 'getAll', action: 'Get many documents' },
			{ name: 'Import From URL', value: 'importFromUrl', action: 'Import a document from a URL', description: 'Let Aluma download a file as a new document' },
			{ name: 'Read', value: 'read', action: 'Read a document', description: 'Run OCR on a document already in Aluma' },
			{ name: 'Read File', value: 'readFile', action: 'Read a file', description: 'Upload, OCR and delete in one step' },
			{ name: 'Redact', value: 'redact', action: 'Redact a document', description: 'Get a redacted PDF of a document already in Aluma' },
			{ name: 'Redact File', value: 'redactFile', action: 'Redact a file', description: 'Upload, redact and delete in one step' },
			{ name: 'Store Suggestion Result', value: 'storeSuggestionResult', action: 'Store the chosen folder of a document', description: 'Tell Aluma where a document was filed, so its suggestions learn' },
			{ name: 'Suggest File Name and Folder', value: 'suggestFileNameAndFolder', action: 'Suggest a file name and folder for a file', description: 'Upload, get suggestions and delete in one step' },
		],
		default: 'extractFromFile',
	},
	...create.description,
	...importFromUrl.description,
	...get.description,
	...getAll.description,
	...deleteDocument.description,
	...read.description,
	...readFile.description,
	...classify.description,
	...classifyFile.description,
	...extract.description,
	...extractFromFile.description,
	...classifyAndExtract.description,
	...redact.description,
	...redactFile.description,
	...generateSuggestions.description,
	...storeSuggestionResult.description,
	...suggestFileNameAndFolder.description,
];
