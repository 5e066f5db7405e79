/**
 * The Aluma Tool, the variant n8n builds for AI agents from `usableAsTool` (named `alumaTool`, as
 * n8n's `convertNodeToAiTool` names it), in n8n's engine against the fake Aluma: it starts from a
 * URL, its output carries no HAL links, and a failed call is a result the agent can read.
 * The real agent, in a real n8n, is proved by test/e2e/cases/13-ai-agent.js.
 *
 * Run: npx jest test/workflow/document/as-tool.test.ts
 */
import type { INodeParameters, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers, deepCopy } from 'n8n-workflow';

import { AlumaApi } from '../../../credentials/AlumaApi.credentials';
import { Aluma } from '../../../nodes/Aluma/Aluma.node';
import { runNodeWorkflow } from '../harness';
import { CREDENTIAL_REF, byName, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { IMPORT_HOST, documentParams, useImportServer } from '../../support/documents';

const aluma = useFakeAluma();

/** What n8n derives for the AI Agent's tool list: the same node, "Tool" appended to its name. */
function toolVariant(): INodeType {
	const node = new Aluma();
	const description = deepCopy(node.description) as INodeTypeDescription;
	node.description = { ...description, name: `${description.name}Tool`, displayName: `${description.displayName} Tool` };
	return node;
}

const runTool = async (parameters: INodeParameters) =>
	await runNodeWorkflow({
		nodeTypes: [toolVariant()],
		credentialTypes: [AlumaApi],
		credentials: aluma.store,
		node: { type: 'alumaTool', parameters, credentials: CREDENTIAL_REF },
		items: [{ json: { url: `https://${IMPORT_HOST}/inbox/invoice.pdf`, extractor: 'aluma.invoices.gb' } }],
	});

const importServer = useImportServer(aluma);

describe('Aluma Tool', () => {
	it('defaults Source to URL, while the Aluma node keeps Binary File', () => {
		const sourceOf = (description: INodeTypeDescription) =>
			NodeHelpers.getNodeParameters(description.properties, { resource: 'document', operation: 'extractFromFile' }, true, false, null, description)?.source;

		expect(sourceOf(toolVariant().description)).toBe('url');
		expect(sourceOf(new Aluma().description)).toBe('binary');
	});

	it('extracts a document from a URL given with no Source, as an agent fills it', async () => {
		const result = await runTool(documentParams('extractFromFile', { url: '={{ $json.url }}', extractor: byName('={{ $json.extractor }}') }));

		expect(result.status).toBe('success');
		const [json] = jsonOf(result);
		expect(json).toMatchObject({ fileName: 'invoice.pdf', 'Invoice Number': 'INV-1001', 'Gross Total': 120 });
		expect(importServer().requested).toEqual(['/inbox/invoice.pdf']);
	});

	it('returns models without their HAL links, which the Aluma node keeps', async () => {
		const parameters = { resource: 'extractor', operation: 'get', extractor: byName('aluma.invoices.gb') };

		const asNode = jsonOf(await aluma.run({ parameters }))[0];
		const asTool = jsonOf(await runTool(parameters))[0];

		expect(asNode).toHaveProperty('_links');
		expect(JSON.stringify(asTool)).not.toContain('_links');
		expect(asTool).toEqual(Object.fromEntries(Object.entries(asNode).filter(([key]) => key !== '_links')));
	});

	it('hands an Aluma error back as its result, for the agent to read, instead of failing the run', async () => {
		const result = await runTool(documentParams('extractFromFile', { url: '={{ $json.url }}', extractor: byName('no.such.extractor') }));

		expect(result.status).toBe('success');
		const [json] = jsonOf(result);
		expect(json.error).toBe('Aluma has no extractor named "no.such.extractor" (parameter "Extractor")');
		expect(json.description).toMatch(/check the spelling/);
		expect(JSON.stringify(json)).not.toMatch(new RegExp(`${aluma.store.data('cred-aluma').accessToken}|dummy-client-secret`));
	});
});
