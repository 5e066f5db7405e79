/** Field definitions shared by the Export operations, so each reads the same everywhere. */
import type { INodeProperties } from 'n8n-workflow';

export { clientActionField, taskIdField } from '../task/fields';

export const downloadFilesField: INodeProperties = {
	displayName: 'Download Files',
	name: 'downloadFiles',
	type: 'boolean',
	default: true,
	description: 'Whether to download the files the specification refers to (such as searchable PDFs) as binary data',
};
