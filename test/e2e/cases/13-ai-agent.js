// n8n's AI Agent using the Aluma Tool, in a real n8n: the OpenAI Chat Model points at a scripted
// fake model (lib/fake-openai.js) that calls the tools and then answers from what they returned.
// The model records every request, so each case also proves what reached it: the tools offered,
// compact results, and never the client secret or an access token.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { agentWorkflow, alumaToolNode } = require('../lib/agent');
const { withImportHost } = require('../lib/file-server');

// Credential ids are global across cases: each case has its own pair.
const cred = (n) => `e2eCredAgent000${n}`;
const modelCred = (n) => `e2eCredAgentModel${n}`;
const credentialsOf = (n) => [{ id: cred(n) }, { id: modelCred(n), type: 'openAiApi' }];
const WF_EXTRACT = 'e2eAgentExtract01';
const WF_CLASSIFY = 'e2eAgentClassify01';
const WF_ERROR = 'e2eAgentError01';
const WF_SECRETS = 'e2eAgentSecrets01';
const WF_EXAMPLE = 'e2eAgentExample01';
const IMPORT_HOST = 'files.example.com';

// The descriptions a user writes into $fromAI(): what the value is, its format, an example.
const FROM_AI = {
	url: "={{ $fromAI('url', 'Public http(s) URL of the document file, e.g. https://example.com/invoice.pdf', 'string') }}",
	extractor: "={{ $fromAI('extractor', 'Name of the Aluma extractor, e.g. aluma.invoices.gb', 'string') }}",
	classifier: "={{ $fromAI('classifier', 'Name of the Aluma classifier, e.g. mailroom', 'string') }}",
	path: "={{ $fromAI('path', 'Aluma API path starting with /, e.g. /classifiers', 'string') }}",
};

const extractTool = (n) => alumaToolNode({
	name: 'Extract From URL',
	credentialId: cred(n),
	// No Source: the tool variant's default is URL, as an agent has no binary file.
	parameters: {
		resource: 'document',
		operation: 'extractFromFile',
		url: FROM_AI.url,
		extractor: { __rl: true, mode: 'name', value: FROM_AI.extractor },
		options: {},
	},
});
const classifyTool = (n) => alumaToolNode({
	name: 'Classify From URL',
	credentialId: cred(n),
	parameters: {
		resource: 'document',
		operation: 'classifyFile',
		source: 'url',
		url: FROM_AI.url,
		classifier: { __rl: true, mode: 'name', value: FROM_AI.classifier },
		options: {},
	},
});
const listExtractorsTool = (n) => alumaToolNode({
	name: 'List Extractors',
	credentialId: cred(n),
	parameters: { resource: 'extractor', operation: 'getAll', toolDescription: 'Lists the names of the Aluma extractors' },
});
const apiRequestTool = (n) => alumaToolNode({
	name: 'Aluma API',
	credentialId: cred(n),
	parameters: { resource: 'apiRequest', operation: 'send', method: 'GET', path: FROM_AI.path, responseFormat: 'json', options: {} },
});

const prompt = (task) => `${task} Use the Aluma tools.`;
const workflows = [
	agentWorkflow({ id: WF_EXTRACT, prompt: prompt('What is the Gross Total of the invoice at https://files.example.com/invoice.pdf?'), openAiCredentialId: modelCred(1), tools: [extractTool(1), classifyTool(1)] }),
	agentWorkflow({
		id: WF_CLASSIFY,
		prompt: prompt('What type of document is it? Answer with the document type only.'),
		openAiCredentialId: modelCred(2),
		tools: [classifyTool(2), extractTool(2)],
		after: [
			{
				name: 'Is Invoice',
				type: 'n8n-nodes-base.if',
				typeVersion: 2,
				parameters: {
					conditions: {
						options: { caseSensitive: false, leftValue: '', typeValidation: 'loose' },
						conditions: [{ id: 'c1', leftValue: '={{ $json.output }}', rightValue: 'Invoice', operator: { type: 'string', operation: 'equals' } }],
						combinator: 'and',
					},
					options: {},
				},
				next: [['Invoice Path'], ['Other Path']],
			},
			{ name: 'Invoice Path', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
			{ name: 'Other Path', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		],
	}),
	agentWorkflow({ id: WF_ERROR, prompt: prompt('Extract https://files.example.com/invoice.pdf with the extractor no.such.extractor.'), openAiCredentialId: modelCred(3), tools: [extractTool(3)] }),
	exampleWorkflow('What is the invoice at https://files.example.com/invoice.pdf, and what is its Gross Total?'),
	agentWorkflow({
		id: WF_SECRETS,
		prompt: prompt('Which extractors are there, which classifiers, and what does the invoice at https://files.example.com/invoice.pdf say?'),
		openAiCredentialId: modelCred(4),
		tools: [listExtractorsTool(4), apiRequestTool(4), extractTool(4), classifyTool(4)],
	}),
];

/**
 * examples/ai-agent.json as shipped, but started by `n8n execute`: its Chat Trigger becomes a Manual
 * Trigger and a Set node that gives the agent the same `chatInput`; the credentials are this case's.
 */
function exampleWorkflow(chatInput) {
	const example = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'examples', 'ai-agent.json'), 'utf8'));
	const chat = example.nodes.find((node) => node.type === '@n8n/n8n-nodes-langchain.chatTrigger');
	const nodes = example.nodes.filter((node) => node !== chat).map((node) => {
		if (!node.credentials) return node;
		const credentials = node.credentials.alumaApi ? { alumaApi: { id: cred(5), name: cred(5) } } : { openAiApi: { id: modelCred(5), name: modelCred(5) } };
		return { ...node, credentials };
	});
	const input = {
		id: 'chatInput',
		name: 'Chat Input',
		type: 'n8n-nodes-base.set',
		typeVersion: 3.4,
		position: [100, 0],
		parameters: { assignments: { assignments: [{ id: 'a1', name: 'chatInput', value: chatInput, type: 'string' }] }, options: {} },
	};
	const connections = { ...example.connections, Start: { main: [[{ node: 'Chat Input', type: 'main', index: 0 }]] }, 'Chat Input': example.connections[chat.name] };
	delete connections[chat.name];
	const start = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [-100, 0], parameters: {} };
	return { ...example, id: WF_EXAMPLE, name: 'e2e: examples/ai-agent.json', nodes: [start, input, ...nodes], connections };
}

/** The tool a request offers under `name`, or a failure listing what it offered. */
function tool(t, request, name) {
	const names = (request.body.tools ?? []).map((x) => x.function.name);
	const found = request.body.tools.find((x) => x.function.name === name);
	t.assert.ok(found, `the model was offered ${name}; it got ${names.join(', ')}`);
	return found;
}

/** The JSON of a tool result as the model read it (n8n sends the tool node's output items). */
function parsed(content) {
	try {
		return JSON.parse(content);
	} catch {
		return content;
	}
}

const firstItem = (content) => {
	const value = parsed(content);
	return Array.isArray(value) ? value[0] : value;
};

/** Sizes, tools and results of what the fake model received, for the note printed after the case. */
function describeReceived(chats) {
	return chats
		.map((chat, turn) => {
			const tools = (chat.body.tools ?? []).map((x) => x.function.name).join(', ');
			const results = (chat.body.messages ?? []).filter((m) => m.role === 'tool').map((m) => Buffer.byteLength(String(m.content)));
			return `turn ${turn}: ${chat.bytes} B, tools [${tools}]${results.length ? `, tool results ${results.join('/')} B` : ''}`;
		})
		.join('; ');
}

/**
 * Runs a workflow with the fixtures served at IMPORT_HOST, then checks what every case must hold:
 * a successful execution, no secret and no issued token in anything the model received.
 */
async function runAgent(t, workflowId, n) {
	const { result: execution } = await withImportHost(t, IMPORT_HOST, () => t.execute(workflowId));
	t.assert.equal(execution.status, 'success', execution.describe());
	const received = t.openai.received();
	const everything = received.map((x) => `${JSON.stringify(x.headers)}\n${x.raw}`).join('\n');
	const token = (await t.exportCredential(cred(n)))?.accessToken;
	const stats = await t.fake.stats();
	t.assert.ok(token, 'the Aluma credential stored its access token');
	t.assert.equal(stats.tokenExchanges, 1, 'one token was issued, the one stored in the credential');
	t.assert.ok(!everything.includes(t.secret), 'the client secret never reached the model');
	t.assert.ok(!everything.includes(token), 'the access token never reached the model');
	t.assert.ok(!/Bearer\s+(?!sk-e2e-fake-openai)/i.test(everything), 'no Aluma bearer header reached the model');
	t.assert.ok(!everything.includes('_links'), 'no HAL links reached the model');
	t.assert.equal(stats.liveDocuments, 0, 'every temporary document deleted');
	t.note(describeReceived(t.openai.chats()));
	return { execution, chats: t.openai.chats() };
}

module.exports = [
	{
		title: 'AI Agent + Aluma Tool: extracts an invoice from a URL and reports its Gross Total',
		credentials: credentialsOf(1),
		workflows: [workflows[0]],
		async run(t) {
			t.openai.script(({ turn, toolResults }) => {
				if (turn === 0) return { toolCalls: [{ name: 'Extract_From_URL', args: { url: 'https://files.example.com/invoice.pdf', extractor: 'aluma.invoices.gb' } }] };
				const result = firstItem(toolResults[0].content);
				return { content: `The Gross Total is ${result['Gross Total']}.` };
			});
			const { execution, chats } = await runAgent(t, WF_EXTRACT, 1);
			t.assert.equal(chats.length, 2, 'the model was asked twice: before and after the tool call');
			const offered = tool(t, chats[0], 'Extract_From_URL');
			t.assert.deepEqual(Object.keys(offered.function.parameters.properties).sort(), ['extractor', 'url'], 'the tool asks the model for exactly the $fromAI values');
			t.assert.match(offered.function.parameters.properties.url.description, /e\.g\. https:/);
			tool(t, chats[0], 'Classify_From_URL');
			const [result] = chats[1].body.messages.filter((m) => m.role === 'tool');
			const invoice = firstItem(result.content);
			t.assert.equal(invoice['Gross Total'], 120, `the model read the Gross Total: ${result.content.slice(0, 300)}`);
			t.assert.equal(invoice['Invoice Number'], 'INV-1001');
			t.assert.ok(Buffer.byteLength(result.content) < 2000, `a compact result (${Buffer.byteLength(result.content)} bytes)`);
			const [answer] = execution.items('Agent');
			t.assert.equal(answer.output, 'The Gross Total is 120.');
		},
	},
	{
		title: 'AI Agent + Aluma Tool: classifies a document, the workflow branches on the type',
		credentials: credentialsOf(2),
		workflows: [workflows[1]],
		async run(t) {
			const branchFor = async (file) => {
				t.openai.reset();
				t.openai.script(({ turn, toolResults }) =>
					turn === 0
						? { toolCalls: [{ name: 'Classify_From_URL', args: { url: `https://files.example.com/${file}`, classifier: 'mailroom' } }] }
						: { content: String(firstItem(toolResults[0].content).documentType) },
				);
				const { execution, chats } = await runAgent(t, WF_CLASSIFY, 2);
				const classified = firstItem(chats[1].body.messages.find((m) => m.role === 'tool').content);
				return { execution, classified };
			};
			const invoice = await branchFor('invoice.pdf');
			t.assert.equal(invoice.classified.documentType, 'Invoice');
			t.assert.equal(invoice.execution.items('Invoice Path').length, 1, 'an invoice goes down the Invoice path');
			t.assert.equal(invoice.execution.items('Other Path').length, 0);
			const letter = await branchFor('letter.pdf');
			t.assert.equal(letter.classified.documentType, 'Letter');
			t.assert.equal(letter.execution.items('Other Path').length, 1, 'a letter goes down the other path');
			t.assert.equal(letter.execution.items('Invoice Path').length, 0);
		},
	},
	{
		title: 'AI Agent + Aluma Tool: an unknown extractor comes back to the model as a readable tool result',
		credentials: credentialsOf(3),
		workflows: [workflows[2]],
		async run(t) {
			t.openai.script(({ turn, toolResults }) =>
				turn === 0
					? { toolCalls: [{ name: 'Extract_From_URL', args: { url: 'https://files.example.com/invoice.pdf', extractor: 'no.such.extractor' } }] }
					: { content: `Aluma said: ${toolResults[0].content}` },
			);
			const { execution, chats } = await runAgent(t, WF_ERROR, 3);
			t.assert.equal(chats.length, 2, 'the model got the error as the tool result and answered');
			const { content } = chats[1].body.messages.find((m) => m.role === 'tool');
			t.assert.match(content, /no\.such\.extractor/, `the result names the extractor: ${content}`);
			t.assert.match(content, /extractor/i);
			t.assert.ok(Buffer.byteLength(content) < 1000, `a short error (${Buffer.byteLength(content)} bytes)`);
			t.assert.match(execution.items('Agent')[0].output, /no\.such\.extractor/);
			t.note(`the tool result: ${content}`);
		},
	},
	{
		title: 'AI Agent + Aluma Tool: neither the client secret nor a token reaches the model, whatever tool it calls',
		credentials: credentialsOf(4),
		workflows: [workflows[4]],
		async run(t) {
			const calls = [
				[{ name: 'List_Extractors', args: {} }],
				[{ name: 'Aluma_API', args: { path: '/classifiers' } }, { name: 'Aluma_API', args: { path: '/oauth/token' } }],
				[
					{ name: 'Extract_From_URL', args: { url: 'https://files.example.com/invoice.pdf', extractor: 'aluma.invoices.gb' } },
					{ name: 'Classify_From_URL', args: { url: 'https://files.example.com/invoice.pdf', classifier: 'mailroom' } },
				],
			];
			t.openai.script(({ turn, toolResults }) => (turn < calls.length ? { toolCalls: calls[turn] } : { content: `I read ${toolResults.length} tool results.` }));
			const { execution, chats } = await runAgent(t, WF_SECRETS, 4);
			t.assert.equal(chats.length, calls.length + 1);
			for (const name of ['List_Extractors', 'Aluma_API', 'Extract_From_URL', 'Classify_From_URL']) tool(t, chats[0], name);
			const results = chats.at(-1).body.messages.filter((m) => m.role === 'tool').map((m) => m.content);
			t.assert.equal(results.length, 5, 'every tool call came back to the model');
			t.assert.match(results[0], /aluma\.invoices\.gb/, 'the extractor list reached the model');
			t.assert.equal(execution.items('Agent')[0].output, 'I read 5 tool results.');
		},
	},
	{
		title: 'AI Agent + Aluma Tool: examples/ai-agent.json classifies, picks an extractor from the list and extracts',
		credentials: credentialsOf(5),
		workflows: [workflows[3]],
		async run(t) {
			const url = 'https://files.example.com/invoice.pdf';
			t.openai.script(({ turn, toolResults }) => {
				if (turn === 0) return { toolCalls: [{ name: 'Classify_From_URL', args: { url } }] };
				if (turn === 1) return { toolCalls: [{ name: 'List_Extractors', args: {} }] };
				const type = firstItem(toolResults[0].content).documentType;
				if (turn === 2) {
					const names = parsed(toolResults[1].content).map((x) => x.name);
					return { toolCalls: [{ name: 'Extract_From_URL', args: { url, extractor: names.find((name) => name.includes(type.toLowerCase())) } }] };
				}
				return { content: `${type}, Gross Total ${firstItem(toolResults[2].content)['Gross Total']}` };
			});
			const { execution, chats } = await runAgent(t, WF_EXAMPLE, 5);
			t.assert.equal(chats.length, 4);
			const offered = chats[0].body.tools.map((x) => x.function);
			t.assert.deepEqual(offered.map((x) => x.name).sort(), ['Classify_From_URL', 'Extract_From_URL', 'List_Extractors']);
			t.assert.deepEqual(Object.keys(offered.find((x) => x.name === 'Classify_From_URL').parameters.properties), ['url'], 'the classifier is fixed in the example');
			t.assert.match(offered.find((x) => x.name === 'Extract_From_URL').description, /^Extracts the fields of a document/, 'the tool description written in the example');
			t.assert.match(chats[0].body.messages[0].content, /Use the Aluma tools/, 'the system message of the example');
			t.assert.equal(execution.items('AI Agent')[0].output, 'Invoice, Gross Total 120');
		},
	},
];
