// Builders for AI Agent workflows: Manual Trigger → AI Agent (with n8n's OpenAI Chat Model pointed at
// the fake model, and Aluma Tool nodes on its ai_tool input) → optional main-line nodes after it.
'use strict';

const AGENT = { type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3 };
const CHAT_MODEL = { type: '@n8n/n8n-nodes-langchain.lmChatOpenAi', typeVersion: 1.2 };

/** An Aluma Tool node (the `usableAsTool` variant n8n builds from the Aluma node). */
function alumaToolNode({ name = 'Aluma', credentialId, parameters }) {
	return {
		name,
		type: 'n8n-nodes-aluma.alumaTool',
		typeVersion: 1,
		parameters,
		credentials: { alumaApi: { id: credentialId, name: credentialId } },
	};
}

/**
 * `Start → Agent → after[0] → after[1] …`, the model and `tools` wired to the agent. `after` nodes
 * may name their main-line successors in `next` (`[[names of output 0], [names of output 1]]`).
 */
function agentWorkflow({ id, prompt, systemMessage, openAiCredentialId, tools, after = [] }) {
	if (id.length > 21) throw new Error(`workflow id ${id} is longer than 21 characters`);
	const nodes = [
		{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} },
		{
			name: 'Agent',
			...AGENT,
			parameters: { promptType: 'define', text: prompt, options: systemMessage ? { systemMessage } : {} },
		},
		{
			name: 'Model',
			...CHAT_MODEL,
			parameters: { model: { __rl: true, mode: 'id', value: 'gpt-e2e' }, options: { maxRetries: 0 } },
			credentials: { openAiApi: { id: openAiCredentialId, name: openAiCredentialId } },
		},
		...tools,
		...after.map(({ next, ...node }) => node),
	].map((node, index) => ({ id: node.id ?? `node${index}`, position: [index * 220, index * 60], ...node }));
	const connections = {
		Start: { main: [[{ node: 'Agent', type: 'main', index: 0 }]] },
		Model: { ai_languageModel: [[{ node: 'Agent', type: 'ai_languageModel', index: 0 }]] },
	};
	for (const tool of tools) connections[tool.name] = { ai_tool: [[{ node: 'Agent', type: 'ai_tool', index: 0 }]] };
	if (after.length) connections.Agent = { main: [[{ node: after[0].name, type: 'main', index: 0 }]] };
	for (const node of after) {
		if (node.next) connections[node.name] = { main: node.next.map((names) => names.map((name) => ({ node: name, type: 'main', index: 0 }))) };
	}
	return { id, name: `e2e: ${id}`, active: false, settings: { executionOrder: 'v1' }, nodes, connections, pinData: {} };
}

module.exports = { alumaToolNode, agentWorkflow };
