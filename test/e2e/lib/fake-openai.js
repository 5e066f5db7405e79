// A scripted OpenAI-compatible chat-completions server (plain node:http on 127.0.0.1) for the AI
// Agent cases: n8n's OpenAI Chat Model sends the conversation and the tools it offers, the case's
// script answers with tool calls or a final text, and every request is recorded byte for byte so
// a case can prove what reached the model (and what did not: tokens, secrets).
'use strict';

const http = require('node:http');

const API_KEY = 'sk-e2e-fake-openai';

/** Tool messages of a chat request: `[{ toolCallId, content }]`, oldest first. */
function toolResults(body) {
	return (body?.messages ?? [])
		.filter((message) => message.role === 'tool')
		.map((message) => ({ toolCallId: message.tool_call_id, content: typeof message.content === 'string' ? message.content : JSON.stringify(message.content) }));
}

function toolNames(body) {
	return (body?.tools ?? []).map((tool) => tool.function?.name ?? tool.name).filter(Boolean);
}

/** The assistant message for a reply `{ content }` or `{ toolCalls: [{ name, args }] }`. */
function assistantMessage(reply, callCounter) {
	if (!reply.toolCalls?.length) return { message: { role: 'assistant', content: String(reply.content ?? '') }, finish: 'stop' };
	const toolCalls = reply.toolCalls.map((call) => ({
		id: `call_e2e_${callCounter()}`,
		type: 'function',
		function: { name: call.name, arguments: JSON.stringify(call.args ?? {}) },
	}));
	return { message: { role: 'assistant', content: null, tool_calls: toolCalls }, finish: 'tool_calls' };
}

function sendJson(res, status, value) {
	res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

/** The same answer as server-sent events, for a client that asks for `stream: true`. */
function sendStream(res, base, { message, finish }) {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
	const chunk = (delta, finishReason) =>
		res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`);
	const delta = { role: 'assistant', content: message.content ?? '' };
	if (message.tool_calls) delta.tool_calls = message.tool_calls.map((call, index) => ({ index, ...call }));
	chunk(delta, null);
	chunk({}, finish);
	res.end('data: [DONE]\n\n');
}

/**
 * `script({ body, turn, tools, toolResults })` returns the reply for each chat request (`turn` counts
 * from 0 since the last reset); without a script the model answers "no script".
 */
async function startFakeOpenAi() {
	let script;
	let received = [];
	let calls = 0;
	const server = http.createServer(async (req, res) => {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const raw = Buffer.concat(chunks).toString('utf8');
		const pathname = new URL(req.url, 'http://127.0.0.1').pathname;
		let body;
		try {
			body = raw ? JSON.parse(raw) : undefined;
		} catch {
			body = undefined;
		}
		const entry = { method: req.method, path: pathname, bytes: Buffer.byteLength(raw), raw, headers: req.headers, body };
		received.push(entry);
		if (req.method === 'GET' && pathname.endsWith('/models')) {
			sendJson(res, 200, { object: 'list', data: [{ id: 'gpt-e2e', object: 'model', owned_by: 'e2e' }] });
			return;
		}
		if (req.method !== 'POST' || !pathname.endsWith('/chat/completions') || !body) {
			sendJson(res, 404, { error: { message: `fake OpenAI has no ${req.method} ${pathname}`, type: 'invalid_request_error' } });
			return;
		}
		const turn = received.filter((x) => x.path.endsWith('/chat/completions')).length - 1;
		let reply;
		try {
			reply = script ? await script({ body, turn, tools: toolNames(body), toolResults: toolResults(body) }) : { content: 'no script' };
		} catch (error) {
			entry.scriptError = String(error?.stack ?? error);
			sendJson(res, 500, { error: { message: `fake OpenAI script failed: ${error?.message}`, type: 'server_error' } });
			return;
		}
		const answer = assistantMessage(reply, () => ++calls);
		const base = { id: `chatcmpl-e2e-${turn}`, created: Math.floor(Date.now() / 1000), model: body.model ?? 'gpt-e2e' };
		if (body.stream) {
			sendStream(res, base, answer);
			return;
		}
		sendJson(res, 200, {
			...base,
			object: 'chat.completion',
			choices: [{ index: 0, message: answer.message, finish_reason: answer.finish, logprobs: null }],
			usage: { prompt_tokens: Math.ceil(entry.bytes / 4), completion_tokens: 10, total_tokens: Math.ceil(entry.bytes / 4) + 10 },
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/v1`;
	return {
		url,
		apiKey: API_KEY,
		/** Sets the script of the current case. */
		script: (fn) => {
			script = fn;
		},
		/** Every request since the last reset: `{ method, path, bytes, raw, headers, body }`. */
		received: () => received,
		/** The chat-completions requests only. */
		chats: () => received.filter((x) => x.path.endsWith('/chat/completions')),
		reset: () => {
			script = undefined;
			received = [];
			calls = 0;
		},
		stop: () => new Promise((resolve) => server.close(resolve)),
	};
}

module.exports = { startFakeOpenAi, toolResults, toolNames };
