// The suggestion operations of the Document resource in a real n8n: a chain on a document made from
// test/fixtures/invoice.pdf (Create From File → Generate Suggestions → Store Suggestion Result →
// Generate Suggestions again, now with the learnt folder → Delete) and the one-step Suggest File
// Name and Folder on the same file. Afterwards Aluma must hold no document.
'use strict';

const { alumaNode, chain, fixture, graph, readFileNode } = require('../lib/workflows');

const CRED = 'e2eCredSuggest01';
const WF_BY_ID = 'e2eSuggestionsById01';
const WF_ONE_STEP = 'e2eSuggestOneStep01';
const CONTEXT = 'user-4711';
const FILE_NAME = '2026-11-02 ACME Supplies Ltd INV-1001';

const documentNode = (name, operation, parameters = {}) => ({
	...alumaNode({ name, credentialId: CRED, parameters: { resource: 'document', operation, ...parameters } }),
	executeOnce: true,
});
const onCreated = (name, operation, parameters = {}) => documentNode(name, operation, { documentId: "={{ $('Create').first().json.id }}", ...parameters });

const byIdWorkflow = chain({
	id: WF_BY_ID,
	name: 'suggestions by document ID',
	nodes: [
		readFileNode({ filePath: fixture('invoice.pdf') }),
		documentNode('Create', 'create'),
		onCreated('Suggest', 'generateSuggestions', { context: CONTEXT }),
		onCreated('Store', 'storeSuggestionResult', { context: CONTEXT, folderId: 'fld-acme', fileName: '={{ $json.suggestedFileName }}' }),
		onCreated('Suggest Again', 'generateSuggestions', { context: CONTEXT }),
		onCreated('Delete', 'deleteDocument'),
	],
});

const oneStepWorkflow = graph({
	id: WF_ONE_STEP,
	name: 'suggest file name and folder in one step',
	nodes: [
		readFileNode({ filePath: fixture('invoice.pdf') }),
		alumaNode({ name: 'Suggest File', credentialId: CRED, parameters: { resource: 'document', operation: 'suggestFileNameAndFolder', source: 'binary', context: CONTEXT } }),
	],
	edges: [
		['Start', 'Read File'],
		['Read File', 'Suggest File'],
	],
});

module.exports = {
	title: 'Document suggestions: Generate Suggestions, Store Suggestion Result (learnt on the next call), Suggest File Name and Folder',
	credentials: [{ id: CRED }],
	workflows: [byIdWorkflow, oneStepWorkflow],
	async run(t) {
		const byId = await t.execute(WF_BY_ID);
		t.assert.equal(byId.status, 'success', byId.describe());
		const [first] = byId.items('Suggest');
		t.assert.deepEqual(
			[first.context, first.suggestedFileName, first.suggestedFolderId, first.alternativeFileName],
			[CONTEXT, FILE_NAME, null, 'Invoice INV-1001'],
			`first suggestions ${JSON.stringify(first)}`,
		);
		t.assert.deepEqual(first.elements, { document_type: 'Invoice', supplier: 'ACME Supplies Ltd', reference: 'INV-1001', date: '2026-11-02' });
		t.assert.deepEqual(byId.items('Store'), [{ documentId: first.documentId, context: CONTEXT, folderId: 'fld-acme', fileName: FILE_NAME, stored: true }]);
		const [again] = byId.items('Suggest Again');
		t.assert.deepEqual([again.suggestedFolderId, again.suggestedFolderReason], ['fld-acme', 'learnt'], 'the stored folder is suggested next time');

		const oneStep = await t.execute(WF_ONE_STEP);
		t.assert.equal(oneStep.status, 'success', oneStep.describe());
		const [suggested] = oneStep.items('Suggest File');
		t.assert.deepEqual([suggested.fileName, suggested.fileType, suggested.suggestedFileName], ['invoice.pdf', 'PDF:Misc', FILE_NAME]);

		const requests = await t.fake.requests();
		const routes = requests.map((entry) => entry.route);
		t.assert.equal(routes.filter((route) => route === 'POST /documents/:id/suggestions').length, 3, 'three suggestion requests');
		t.assert.equal(routes.filter((route) => route === 'POST /documents/:id/suggestion_results').length, 1, 'one stored result');
		t.assert.equal((await t.fake.stats()).liveDocuments, 0, 'no document left in Aluma');
	},
};
