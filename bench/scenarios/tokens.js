// Scenario 1 — token exchanges. The same sequence for the Aluma node (API Request) and for n8n's
// stock HTTP Request node using the alumaApi credential as a predefined credential type:
//   a. 500 items in one execution, starting from a fresh credential (empty token);
//   b. then 5 executions in a row (20 items each) with what (a) persisted;
//   c. a run that crosses the token's expiry: a fresh credential, a fake whose tokens live 2 s,
//      30 sequential 150 ms calls (POST /documents/{id}/classify/mailroom) — the HTTP Request node
//      paced with its Batching option (1 item every 150 ms) so both make the same calls over
//      about the same time.
// Seen by the server: token requests and 401 responses. Limit: 1 exchange per token lifetime
// spanned by the run, 0 failed requests.
'use strict';

const env = require('../lib/env');
const { startFake, CLIENT } = require('../lib/fake');
const { loadNodesBase } = require('../lib/n8n-nodes-base');
const { median, countText, table } = require('../lib/stats');

const EXPIRY = { lifetimeSeconds: 2, latencyMs: 150, items: 30 };

async function directToken(baseUrl) {
	const response = await fetch(`${baseUrl}/oauth/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret }),
	});
	return (await response.json()).access_token;
}

/** A document for the classify calls, made outside the measured runs. */
async function makeDocument(baseUrl) {
	const token = await directToken(baseUrl);
	const response = await fetch(`${baseUrl}/documents`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
		body: env.INVOICE,
	});
	return (await response.json()).id;
}

function alumaStep(credential, { method, path, items, options = {} }) {
	return async () =>
		env.assertSuccess(
			await env.runAluma({
				credential,
				parameters: { resource: 'apiRequest', operation: 'send', method, path, bodyType: 'none', responseFormat: 'json', options: {}, ...options },
				items,
			}),
			`Aluma ${method} ${path}`,
		);
}

function stockStep(base, credential, { method, url, items, batching }) {
	return async () =>
		env.assertSuccess(
			await env.harness.runNodeWorkflow({
				nodeTypes: [base.HttpRequest],
				credentialTypes: [env.AlumaApi],
				credentials: credential.store,
				packageName: 'n8n-nodes-base',
				node: {
					type: 'n8n-nodes-base.httpRequest',
					typeVersion: 4.2,
					credentials: credential.ref,
					parameters: {
						method,
						url,
						authentication: 'predefinedCredentialType',
						nodeCredentialType: 'alumaApi',
						options: batching ? { batching: { batch: { batchSize: 1, batchInterval: batching } } } : {},
					},
				},
				items,
			}),
			`HTTP Request ${method} ${url}`,
		);
}

/** Runs `step` and returns what the server saw meanwhile. */
async function measured(fake, step) {
	const before = await fake.stats();
	const logStart = (await fake.requests()).length;
	await step();
	const after = await fake.stats();
	const log = (await fake.requests()).slice(logStart).filter((entry) => entry.route !== 'POST /oauth/token');
	const spanMs = log.length ? log[log.length - 1].at - log[0].at : 0;
	return {
		tokenRequests: after.tokenRequests - before.tokenRequests,
		exchanges: after.tokenExchanges - before.tokenExchanges,
		unauthorized: after.unauthorized - before.unauthorized,
		requests: after.requests - before.requests,
		spanMs,
	};
}

async function sequence(variant, runs, log) {
	const base = variant === 'stock' ? loadNodesBase(log) : undefined;
	const fake = await startFake({});
	const expiryFake = await startFake({ tokenLifetimeSeconds: EXPIRY.lifetimeSeconds, latencyMs: EXPIRY.latencyMs });
	const results = [];
	try {
		const documentId = await makeDocument(expiryFake.url);
		for (let r = 0; r < runs; r++) {
			const credential = env.newCredential(fake.url);
			const classifiers = (items) =>
				variant === 'aluma'
					? alumaStep(credential, { method: 'GET', path: '/classifiers', items })
					: stockStep(base, credential, { method: 'GET', url: `${fake.url}/classifiers`, items });
			const a = await measured(fake, classifiers(env.jsonItems(500)));
			const b = await measured(fake, async () => {
				for (let e = 0; e < 5; e++) await classifiers(env.jsonItems(20))();
			});
			const expiryCredential = env.newCredential(expiryFake.url);
			const path = `/documents/${documentId}/classify/mailroom`;
			const c = await measured(
				expiryFake,
				variant === 'aluma'
					? alumaStep(expiryCredential, { method: 'POST', path, items: env.jsonItems(EXPIRY.items) })
					: stockStep(base, expiryCredential, {
							method: 'POST',
							url: `${expiryFake.url}${path}`,
							items: env.jsonItems(EXPIRY.items),
							batching: EXPIRY.latencyMs,
						}),
			);
			results.push({ a, b, c });
			log(`  tokens ${variant} run ${r + 1}: 500 items ${a.exchanges} exchanges/${a.unauthorized} 401; 5 runs ${b.exchanges}/${b.unauthorized}; expiry ${c.exchanges}/${c.unauthorized} over ${(c.spanMs / 1000).toFixed(1)} s`);
		}
	} finally {
		await fake.close();
		await expiryFake.close();
	}
	return results;
}

async function run({ runs, log }) {
	const aluma = await sequence('aluma', runs, log);
	const stock = await sequence('stock', runs, log);
	const lifetimes = (results) => results.map((r) => Math.ceil(r.c.spanMs / (EXPIRY.lifetimeSeconds * 1000)));
	const counts = (results, phase) => [
		countText(results.map((r) => r[phase].tokenRequests)),
		countText(results.map((r) => r[phase].exchanges)),
		countText(results.map((r) => r[phase].unauthorized)),
	];
	const spans = [...aluma, ...stock].map((r) => r.c.spanMs / 1000);
	const rows = [
		['a. 500 items, 1 execution (empty token)', ...counts(aluma, 'a'), ...counts(stock, 'a'), '1 / 0'],
		['b. then 5 executions × 20 items', ...counts(aluma, 'b'), ...counts(stock, 'b'), '0 / 0'],
		[
			`c. ${EXPIRY.items} × ${EXPIRY.latencyMs} ms calls, token lifetime ${EXPIRY.lifetimeSeconds} s`,
			...counts(aluma, 'c'),
			...counts(stock, 'c'),
			`${countText([...lifetimes(aluma), ...lifetimes(stock)])} / 0`,
		],
	];
	const text = table(
		['Phase', 'Aluma: token requests', 'exchanges', '401s', 'HTTP Request: token requests', 'exchanges', '401s', 'Limit: exchanges / 401s'],
		rows,
	);
	const alumaOk = aluma.every((r, i) => r.a.exchanges <= 1 && r.b.exchanges === 0 && r.c.exchanges <= lifetimes(aluma)[i] && r.a.unauthorized + r.b.unauthorized + r.c.unauthorized === 0);
	const expiryWithinMargin = aluma.every((r, i) => r.c.exchanges <= lifetimes(aluma)[i] + 1);
	return {
		id: 'tokens',
		title: '1. Token exchanges',
		text: `${text}\n\nRun (c) lasted ${median(spans).toFixed(1)} s (median); the limit counts the token lifetimes it spans. Medians over ${runs} sequences (range in brackets).`,
		raw: { aluma, stock, expiry: EXPIRY },
		summary: [
			{
				figure: 'Token exchanges / 401s, all three phases (Aluma vs HTTP Request)',
				value: `${countText(aluma.map((r) => r.a.exchanges + r.b.exchanges + r.c.exchanges))} / ${countText(aluma.map((r) => r.a.unauthorized + r.b.unauthorized + r.c.unauthorized))} vs ${countText(stock.map((r) => r.a.exchanges + r.b.exchanges + r.c.exchanges))} / ${countText(stock.map((r) => r.a.unauthorized + r.b.unauthorized + r.c.unauthorized))}`,
				target: '1 per token lifetime, 0 failed',
				met: alumaOk ? 'met' : expiryWithinMargin ? 'missed by the renewal margin' : 'missed',
			},
		],
	};
}

module.exports = { run };
