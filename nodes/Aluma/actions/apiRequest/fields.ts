/** The fields of API Request → Send: the request, what to do with the answer, and options. */
import type { INodeProperties } from 'n8n-workflow';

import type { NumberBounds } from '../numberParameter';
import { nameValueCollection } from './nameValuePairs';


/** An hour at most: beyond the timer limit a timeout would fire at once. */
export const TIMEOUT: NumberBounds = { min: 1, max: 3_600, integer: true };

export const sendProperties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: [
			{ name: 'DELETE', value: 'DELETE' },
			{ name: 'GET', value: 'GET' },
			{ name: 'PATCH', value: 'PATCH' },
			{ name: 'POST', value: 'POST' },
			{ name: 'PUT', value: 'PUT' },
		],
		default: 'GET',
		description: 'The HTTP method to use',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. /documents',
		description:
			'Path relative to the Base URL of the credential. Absolute URLs are refused so the access token never goes to another host.',
	},
	nameValueCollection('Query Parameters', 'queryParameters', 'Parameter'),
	{
		displayName: 'Body',
		name: 'bodyType',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'Send a file from the input item as raw bytes' },
			{ name: 'JSON', value: 'json' },
			{ name: 'None', value: 'none' },
		],
		default: 'none',
	},
	{
		displayName: 'JSON Body',
		name: 'jsonBody',
		type: 'json',
		default: '{}',
		displayOptions: { show: { bodyType: ['json'] } },
	},
	{
		displayName: 'Input Binary Field',
		name: 'inputBinaryField',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the input binary field containing the file to send',
		displayOptions: { show: { bodyType: ['binary'] } },
	},
	nameValueCollection('Headers', 'headerParameters', 'Header'),
	{
		displayName: 'Response Format',
		name: 'responseFormat',
		type: 'options',
		options: [
			{ name: 'File', value: 'file', description: 'Store the response as binary data' },
			{ name: 'JSON', value: 'json' },
			{ name: 'Text', value: 'text' },
		],
		default: 'json',
	},
	{
		displayName: 'Put Output File in Field',
		name: 'outputBinaryField',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the file in',
		displayOptions: { show: { responseFormat: ['file'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. result.pdf',
				description: 'Name of the output file, when the response format is File',
			},
			{
				displayName: 'Include Response Headers and Status',
				name: 'fullResponse',
				type: 'boolean',
				default: false,
				description: 'Whether to return the status code and headers along with the body',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: TIMEOUT.min, maxValue: TIMEOUT.max, numberPrecision: 0 },
				default: 60,
				description: 'How long to wait for Aluma to answer, from 1 to 3600',
			},
		],
	},
];
