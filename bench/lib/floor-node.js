// "n8n-core floor" for the per-request overhead scenario: the least a node can do to make the same
// requests through n8n — a plain loop over this.helpers.httpRequestWithAuthentication (the only
// HTTP route a community node may use), with no parameters, retries, decoding or error mapping.
'use strict';

class HelperLoop {
	description = {
		displayName: 'Helper Loop',
		name: 'benchHelperLoop',
		group: ['transform'],
		version: 1,
		description: 'GET <baseUrl><path> once per item through httpRequestWithAuthentication',
		defaults: { name: 'Helper Loop' },
		inputs: ['main'],
		outputs: ['main'],
		credentials: [{ name: 'alumaApi', required: true }],
		properties: [{ displayName: 'Path', name: 'path', type: 'string', default: '/classifiers' }],
	};

	async execute() {
		const items = this.getInputData();
		const credentials = await this.getCredentials('alumaApi');
		const url = `${credentials.baseUrl}${this.getNodeParameter('path', 0)}`;
		const out = [];
		for (let i = 0; i < items.length; i++) {
			const body = await this.helpers.httpRequestWithAuthentication.call(this, 'alumaApi', { method: 'GET', url, json: true });
			out.push({ json: body, pairedItem: { item: i } });
		}
		return [out];
	}
}

module.exports = { HelperLoop };
