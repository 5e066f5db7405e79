// Scenario 2 — per-request overhead. 1000 API Request items (GET /classifiers, sequential, zero
// server latency, token already stored) and, in the same process, the same 1000 requests made
// by a plain loop straight from Node (http.request; Node 20's global agent keeps connections
// alive). Two references split the difference: the same plain loop opening a new connection per
// request (what n8n's outbound HTTP agent does), and the n8n-core floor (a node that only loops
// over httpRequestWithAuthentication). Variants alternate within each round; ratios are per round.
'use strict';

const http = require('node:http');
const net = require('node:net');

const env = require('../lib/env');
const { startFake, CLIENT } = require('../lib/fake');
const { HelperLoop } = require('../lib/floor-node');
const { median, countText, ratioText, msText, table } = require('../lib/stats');

const ITEMS = 1000;

function plainLoop(baseUrl, token, agent) {
	const get = () =>
		new Promise((resolve, reject) => {
			const request = http.request(`${baseUrl}/classifiers`, { agent, headers: { authorization: `Bearer ${token}`, accept: 'application/json' } }, (response) => {
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					if (response.statusCode !== 200) return reject(new Error(`HTTP ${response.statusCode}`));
					resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
				});
				response.on('error', reject);
			});
			request.on('error', reject);
			request.end();
		});
	return async () => {
		const started = performance.now();
		const out = [];
		for (let i = 0; i < ITEMS; i++) out.push(await get());
		if (out.length !== ITEMS) throw new Error('plain loop lost responses');
		return performance.now() - started;
	};
}

/**
 * Counts TCP connections this process opens (every variant runs with the same counter installed),
 * to show which variants reuse connections.
 */
function countConnections() {
	const original = net.Socket.prototype.connect;
	const counter = { count: 0, restore: () => (net.Socket.prototype.connect = original) };
	net.Socket.prototype.connect = function (...args) {
		counter.count++;
		return original.apply(this, args);
	};
	return counter;
}

/** Wall time of the node itself, as n8n records it (runData executionTime, ms). */
function nodeTime(result) {
	return result.runData[result.nodeName][0].executionTime;
}

async function run({ runs, log }) {
	const fake = await startFake({});
	try {
		const credential = env.newCredential(fake.url);
		const items = env.jsonItems(ITEMS);
		const aluma = async () => {
			const result = env.assertSuccess(
				await env.runAluma({
					credential,
					parameters: { resource: 'apiRequest', operation: 'send', method: 'GET', path: '/classifiers', bodyType: 'none', responseFormat: 'json', options: {} },
					items,
				}),
				'Aluma API Request',
			);
			if (result.outputs[0].length !== ITEMS) throw new Error('Aluma API Request lost items');
			return nodeTime(result);
		};
		const floor = async () => {
			const result = env.assertSuccess(
				await env.harness.runNodeWorkflow({
					nodeTypes: [HelperLoop],
					credentialTypes: [env.AlumaApi],
					credentials: credential.store,
					node: { type: 'benchHelperLoop', parameters: { path: '/classifiers' }, credentials: credential.ref },
					items,
				}),
				'n8n-core helper loop',
			);
			return nodeTime(result);
		};
		// Warm-up (JIT, token exchange, first connections); not counted.
		await aluma();
		await floor();
		const token = credential.store.data(credential.id).accessToken;
		const keepAlive = plainLoop(fake.url, token, new http.Agent({ keepAlive: true }));
		const fresh = plainLoop(fake.url, token, false);
		await keepAlive();
		await fresh();

		const connections = countConnections();
		const cpuOf = async (fn) => {
			const before = process.cpuUsage();
			const opened = connections.count;
			const ms = await fn();
			const used = process.cpuUsage(before);
			return { ms, cpu: (used.user + used.system) / 1000 / ITEMS, connections: connections.count - opened };
		};
		const rounds = [];
		const cpu = [];
		const sockets = [];
		for (let r = 0; r < runs; r++) {
			const measured = { aluma: await cpuOf(aluma), floor: await cpuOf(floor), plain: await cpuOf(keepAlive), plainNoKeepAlive: await cpuOf(fresh) };
			const round = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, v.ms]));
			cpu.push(Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, v.cpu])));
			sockets.push(Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, v.connections])));
			rounds.push(round);
			log(`  overhead round ${r + 1}: Aluma ${round.aluma} ms, n8n helper loop ${round.floor} ms, plain ${round.plain.toFixed(0)} ms, plain without keep-alive ${round.plainNoKeepAlive.toFixed(0)} ms`);
		}
		connections.restore();
		const stats = await fake.stats();
		const col = (key) => rounds.map((round) => round[key]);
		const ratio = (a, b) => rounds.map((round) => round[a] / round[b]);
		const perRequest = (key) => `${(median(col(key)) / ITEMS).toFixed(3)} ms`;
		const cpuPerRequest = (key) => `${median(cpu.map((c) => c[key])).toFixed(3)} ms`;
		const connectionsOf = (key) => countText(sockets.map((c) => c[key]));
		const text = table(
			['Variant (1000 sequential GET /classifiers)', 'Wall time, median (range)', 'Per request', 'Client CPU per request', 'TCP connections opened', 'Aluma node over it'],
			[
				['Aluma node, API Request (n8n records the node time)', msText(col('aluma')), perRequest('aluma'), cpuPerRequest('aluma'), connectionsOf('aluma'), '1.00x'],
				['n8n-core floor: bare httpRequestWithAuthentication loop in a node', msText(col('floor')), perRequest('floor'), cpuPerRequest('floor'), connectionsOf('floor'), ratioText(ratio('aluma', 'floor'))],
				['Plain Node loop, new connection per request', msText(col('plainNoKeepAlive')), perRequest('plainNoKeepAlive'), cpuPerRequest('plainNoKeepAlive'), connectionsOf('plainNoKeepAlive'), ratioText(ratio('aluma', 'plainNoKeepAlive'))],
				['Plain Node loop, keep-alive (Node default)', msText(col('plain')), perRequest('plain'), cpuPerRequest('plain'), connectionsOf('plain'), ratioText(ratio('aluma', 'plain'))],
			],
		);
		const headline = ratio('aluma', 'plain');
		return {
			id: 'overhead',
			title: '2. Per-request overhead',
			text: `${text}\n\nServer-side token exchanges during the whole scenario: ${stats.tokenExchanges}; 401s: ${stats.unauthorized}. ${runs} rounds after a warm-up round. TCP connections: counted in this process per round of 1000 requests (n8n-core 2.41 gives every request its own http.Agent, so a node using n8n's request helpers cannot reuse connections).`,
			raw: { rounds, cpu, sockets },
			summary: [
				{
					figure: 'Aluma API Request over a plain Node loop (1000 requests, 0 ms latency)',
					value: ratioText(headline),
					target: '≤ 1.2x',
					met: median(headline) <= 1.2 ? 'met' : 'missed',
				},
				{
					figure: 'Aluma API Request over the n8n-core floor (same helper, no node logic)',
					value: ratioText(ratio('aluma', 'floor')),
					target: '(diagnostic)',
					met: '',
				},
			],
		};
	} finally {
		await fake.close();
	}
}

module.exports = { run };
