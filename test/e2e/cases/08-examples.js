// The example workflows shipped in examples/ (and imported by `npm start`) run green in a real n8n:
// each one that starts at a Manual Trigger is imported as it is, with only its credential pointed
// at this run's fake and its /data/aluma-demo/ file paths pointed at test/fixtures. The export loop
// starts at the Aluma Trigger, which `n8n execute` cannot fire; the trigger has its own tests, and
// the human-validation example runs on a server in 16-human-validation.
'use strict';

const { loadExamples } = require('../lib/examples');

const CRED = 'e2eCredExamples1';
const ALUMA_TYPE = 'n8n-nodes-aluma.aluma';

const examples = loadExamples(CRED).filter(({ workflow }) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger'));

module.exports = {
	title: `the example workflows run green (${examples.map(({ file }) => file).join(', ')})`,
	credentials: [{ id: CRED }],
	workflows: examples.map(({ workflow }) => workflow),
	async run(t) {
		t.assert.ok(examples.length >= 5, `found ${examples.length} runnable examples`);
		const executions = new Map();
		for (const { file, workflow } of examples) {
			const execution = await t.execute(workflow.id);
			executions.set(file, execution);
			t.assert.equal(execution.status, 'success', `${file}: ${execution.describe()}`);
			for (const node of workflow.nodes.filter((n) => n.type === ALUMA_TYPE)) {
				const items = execution.items(node.name);
				t.assert.ok(items.length > 0, `${file}: "${node.name}" produced items`);
				for (const json of items) t.assert.equal(json.error, undefined, `${file}: "${node.name}" item error ${json.error}`);
			}
			t.note(`${file}: ${workflow.nodes.filter((n) => n.type === ALUMA_TYPE).length} Aluma steps ok`);
		}
		const stats = await t.fake.stats();
		t.assert.equal(stats.liveDocuments, 0, 'no document left in Aluma');
		t.assert.equal(stats.tokenExchanges, 1, 'one token exchange for all examples');
		// two outputs checked by value, not only by the absence of errors
		const outputOf = (file, nodeName) => {
			t.assert.ok(executions.has(file), `${file} is in examples/`);
			return executions.get(file).items(nodeName);
		};
		const [invoice] = outputOf('extract-invoice.json', 'Extract Invoice Data');
		t.assert.equal(invoice['Invoice Number'], 'INV-1001', 'extract-invoice: the invoice number is extracted');
		const [built] = outputOf('build-extractor.json', 'Extract With The New Extractor');
		t.assert.deepEqual(Object.keys(built).filter((key) => ['Total', 'PO', 'Gross Total'].includes(key)).sort(), ['PO', 'Total'], `build-extractor: fields under their aliases (${Object.keys(built).join(', ')})`);
		t.assert.equal(built.Total, 120, 'build-extractor: the gross total under its alias');
	},
};
