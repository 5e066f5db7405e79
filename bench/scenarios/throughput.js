// Scenario 3 — throughput. 100 "Extract From File" items (the invoice fixture, extractor
// aluma.invoices.gb) against a fake that spends 200 ms on every processing call, at the node's
// default concurrency (5) and at its maximum (30, Aluma's document cap). Compared with the ideal
// (items ÷ concurrency × per-item latency) and with the sequential stock flow users build without
// this package: Loop Over Items (batch size 1) → HTTP Request create → HTTP Request extract →
// HTTP Request delete → back to the loop, all with the alumaApi credential.
// (Without the loop the stock HTTP Request node sends all 100 uploads at once and Aluma refuses
// every one past the 30-document cap.)
'use strict';

const env = require('../lib/env');
const { startFake } = require('../lib/fake');
const { loadNodesBase } = require('../lib/n8n-nodes-base');
const { runWorkflow } = require('../lib/workflow');
const { median, ratioText, msText, countText, table } = require('../lib/stats');

const ITEMS = 100;
const LATENCY_MS = 200;
const CAP = 30;
const CONCURRENCIES = [5, 30];

/** POST /documents the fake answered without creating a document (the cap), over the fake's life. */
const refusedAtCap = (stats) => (stats.byRoute['POST /documents'] ?? 0) - stats.documentsCreated;

function stockFlow(base, fakeUrl, credential) {
	const http = (name, parameters) => ({
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		credentials: credential.ref,
		parameters: { authentication: 'predefinedCredentialType', nodeCredentialType: 'alumaApi', options: {}, ...parameters },
	});
	const to = (node, index = 0) => ({ node, type: 'main', index });
	return {
		nodeTypes: [base.HttpRequest, base.SplitInBatches],
		nodes: [
			{ name: 'Loop Over Items', type: 'n8n-nodes-base.splitInBatches', typeVersion: 3, parameters: { batchSize: 1, options: {} } },
			http('Create', { method: 'POST', url: `${fakeUrl}/documents`, sendBody: true, contentType: 'binaryData', inputDataFieldName: 'data' }),
			http('Extract', { method: 'POST', url: `={{ "${fakeUrl}/documents/" + $json.id + "/extract/aluma.invoices.gb" }}` }),
			http('Delete', { method: 'DELETE', url: `={{ "${fakeUrl}/documents/" + $('Create').item.json.id }}` }),
		],
		connections: {
			Trigger: { main: [[to('Loop Over Items')]] },
			'Loop Over Items': { main: [[], [to('Create')]] },
			Create: { main: [[to('Extract')]] },
			Extract: { main: [[to('Delete')]] },
			Delete: { main: [[to('Loop Over Items')]] },
		},
	};
}

async function run({ runs, log }) {
	const base = loadNodesBase(log);
	const results = { aluma: {}, stock: [] };
	const fakes = [];
	try {
		for (const concurrency of CONCURRENCIES) {
			const fake = await startFake({ latencyMs: LATENCY_MS });
			fakes.push(fake);
			const credential = env.newCredential(fake.url);
			const once = async () => {
				const cpu = process.cpuUsage();
				const requestsBefore = (await fake.stats()).requests;
				const result = env.assertSuccess(
					await env.runAluma({
						credential,
						items: env.fileItems(ITEMS),
						parameters: {
							resource: 'document',
							operation: 'extractFromFile',
							source: 'binary',
							binaryPropertyName: 'data',
							extractor: { __rl: true, mode: 'name', value: 'aluma.invoices.gb' },
							extractOutput: 'simplified',
							options: { concurrency },
						},
					}),
					`Extract From File, concurrency ${concurrency}`,
				);
				if (result.outputs[0].length !== ITEMS) throw new Error('Extract From File lost items');
				const used = process.cpuUsage(cpu);
				const requests = (await fake.stats()).requests - requestsBefore;
				return { ms: result.durationMs, cpuPerRequest: (used.user + used.system) / 1000 / requests };
			};
			await once(); // warm-up: JIT and the token exchange
			const times = [];
			const cpu = [];
			for (let r = 0; r < runs; r++) {
				const { ms, cpuPerRequest } = await once();
				times.push(ms);
				cpu.push(cpuPerRequest);
				log(`  throughput Aluma concurrency ${concurrency} run ${r + 1}: ${ms.toFixed(0)} ms, ${cpuPerRequest.toFixed(2)} ms CPU per request`);
			}
			const stats = await fake.stats();
			// Reference: the same runs with no server latency, i.e. what the 300 calls cost by themselves
			// (n8n and the fake on this machine's 2 cores); not part of the target.
			await fake.setConfig({ latencyMs: 0 });
			const zeroLatency = [];
			for (let r = 0; r < runs; r++) zeroLatency.push((await once()).ms);
			await fake.setConfig({ latencyMs: LATENCY_MS });
			log(`  throughput Aluma concurrency ${concurrency} at 0 ms latency: ${zeroLatency.map((t) => t.toFixed(0)).join(', ')} ms`);
			results.aluma[concurrency] = { times, cpu, stats, zeroLatency, ideal: (ITEMS / concurrency) * LATENCY_MS };
		}

		const fake = await startFake({ latencyMs: LATENCY_MS });
		fakes.push(fake);
		const credential = env.newCredential(fake.url);
		const flow = stockFlow(base, fake.url, credential);
		results.stockCpu = [];
		for (let r = 0; r < runs; r++) {
			const cpu = process.cpuUsage();
			const requestsBefore = (await fake.stats()).requests;
			const result = await runWorkflow({ ...flow, items: env.fileItems(ITEMS), store: credential.store });
			const used = process.cpuUsage(cpu);
			results.stockCpu.push((used.user + used.system) / 1000 / ((await fake.stats()).requests - requestsBefore));
			if (result.status !== 'success') throw new Error(`stock flow: ${result.error && result.error.message}`);
			const extracted = result.outputsOf('Extract').length;
			if (extracted !== ITEMS) throw new Error(`stock flow ran Extract ${extracted} times, not ${ITEMS}`);
			results.stock.push(result.durationMs);
			log(`  throughput HTTP Request loop run ${r + 1}: ${result.durationMs.toFixed(0)} ms`);
		}
		results.stockStats = await fake.stats();
	} finally {
		for (const fake of fakes) await fake.close();
	}

	const rows = CONCURRENCIES.map((c) => {
		const { times, stats, ideal, cpu, zeroLatency } = results.aluma[c];
		return [
			`Aluma Extract From File, concurrency ${c}`,
			msText(times),
			`${median(cpu).toFixed(2)} ms`,
			`${ideal.toFixed(0)} ms`,
			ratioText(times.map((t) => t / ideal)),
			ratioText(results.stock.map((s, i) => s / times[i % times.length])),
			`${stats.peakLiveDocuments} / ${stats.peakInFlightProcessing}`,
			String(refusedAtCap(stats)),
			msText(zeroLatency),
		];
	});
	rows.push([
		'HTTP Request ×3 in Loop Over Items (batch 1)',
		msText(results.stock),
		`${median(results.stockCpu).toFixed(2)} ms`,
		`${(ITEMS * LATENCY_MS).toFixed(0)} ms (sequential)`,
		ratioText(results.stock.map((t) => t / (ITEMS * LATENCY_MS))),
		'1.00x',
		`${results.stockStats.peakLiveDocuments} / ${results.stockStats.peakInFlightProcessing}`,
		String(refusedAtCap(results.stockStats)),
		'',
	]);
	const text = table(
		['Variant (100 items, 200 ms per extract)', 'Wall time, median (range)', 'n8n CPU per API request', 'Ideal', 'Over ideal', 'Stock flow over it (speed-up)', 'Peak documents / extracts in flight', 'Creates refused at the cap', 'Same runs at 0 ms latency'],
		rows,
	);
	const summary = CONCURRENCIES.map((c) => {
		const { times, stats, ideal } = results.aluma[c];
		const over = times.map((t) => t / ideal);
		return {
			figure: `Extract From File, concurrency ${c}: wall time over ideal (${ideal.toFixed(0)} ms); peak documents`,
			value: `${ratioText(over)}; ${stats.peakLiveDocuments} docs`,
			target: `≤ 1.3x; ≤ ${CAP} docs`,
			met: median(over) <= 1.3 && stats.peakLiveDocuments <= CAP ? 'met' : stats.peakLiveDocuments <= CAP ? 'missed (time)' : 'missed (cap)',
		};
	});
	summary.push({
		figure: 'Sequential HTTP Request flow over Aluma (concurrency 5 / 30)',
		value: CONCURRENCIES.map((c) => ratioText(results.stock.map((s, i) => s / results.aluma[c].times[i % results.aluma[c].times.length]), 1)).join(' / '),
		target: '(faster is better)',
		met: '',
	});
	return {
		id: 'throughput',
		title: '3. Throughput',
		text: `${text}\n\nIdeal = items ÷ concurrency × 200 ms (the issue's formula; it ignores the create and delete calls). Wall time = n8n's WorkflowExecute time of the whole workflow. Peaks and refusals are the fake's counts over the warm-up and timed runs of that row. Medians over ${runs} runs after a warm-up run; token exchanges: ${countText(CONCURRENCIES.map((c) => results.aluma[c].stats.tokenExchanges))} per Aluma fake, ${results.stockStats.tokenExchanges} for the stock flow.`,
		raw: results,
		summary,
	};
}

module.exports = { run };
