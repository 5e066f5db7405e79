// Scenario 6 — downloads. The fake serves one document's searchable PDF grown to 200 MB (an
// incremental update of random bytes, streamed); the Aluma node fetches it with Document → Read
// (Output "Searchable PDF") and with API Request (Response Format "File"), n8n's HTTP Request node
// fetches the same GET with the same credential. Filesystem and default in-memory binary mode;
// every case in a child process of its own (downloads-child.js), cases alternating within a round.
// Figure: peak RSS during the workflow minus RSS just before it, over the file size, and each Aluma
// variant over the HTTP Request node of the same round and mode.
'use strict';

const http = require('node:http');
const path = require('node:path');
const fs = require('node:fs');

const { rssRounds } = require('../lib/child');
const { CLIENT, startFake } = require('../lib/fake');
const { median, ratioText, table } = require('../lib/stats');

const PADDING = 200 * 1024 * 1024;
const MB = 1024 * 1024;
const VARIANTS = [
	{ variant: 'read', label: 'Aluma Document → Read (Searchable PDF)' },
	{ variant: 'api', label: 'Aluma API Request (Response Format File)' },
	{ variant: 'stock', label: 'HTTP Request (response format file)' },
];
const MODES = ['filesystem', 'memory'];

/** One plain HTTP call to the fake; the answer's status, headers and size (the body is counted, not kept). */
function call(base, method, urlPath, { headers = {}, body } = {}) {
	return new Promise((resolve, reject) => {
		const req = http.request(new URL(urlPath, base), { method, headers, agent: false }, (res) => {
			const chunks = [];
			let size = 0;
			res.on('data', (chunk) => {
				size += chunk.length;
				if (size < MB) chunks.push(chunk);
			});
			res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, size, text: Buffer.concat(chunks).toString('utf8') }));
			res.on('error', reject);
		});
		req.on('error', reject);
		req.end(body);
	});
}

/** A read document in the fake, and the size of its (grown) searchable PDF as the fake sends it. */
async function prepareDocument(base) {
	const form = `client_id=${encodeURIComponent(CLIENT.clientId)}&client_secret=${encodeURIComponent(CLIENT.clientSecret)}`;
	const token = JSON.parse((await call(base, 'POST', '/oauth/token', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: form })).text).access_token;
	const auth = { Authorization: `Bearer ${token}` };
	const invoice = fs.readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'invoice.pdf'));
	const created = await call(base, 'POST', '/documents', { headers: { ...auth, 'Content-Type': 'application/pdf' }, body: invoice });
	const documentId = JSON.parse(created.text).id;
	await call(base, 'PUT', `/documents/${documentId}/reads`, { headers: auth });
	const pdf = await call(base, 'GET', `/documents/${documentId}/reads`, { headers: { ...auth, Accept: 'application/pdf' } });
	if (pdf.status !== 200 || pdf.size !== Number(pdf.headers['content-length'])) throw new Error(`the fake's PDF: HTTP ${pdf.status}, ${pdf.size} bytes`);
	return { documentId, sizeBytes: pdf.size };
}

async function run({ runs, log }) {
	const fake = await startFake({ readPdfPaddingBytes: PADDING });
	let results;
	let size = 0;
	try {
		const { documentId, sizeBytes } = await prepareDocument(fake.url);
		size = sizeBytes;
		const script = path.join(__dirname, 'downloads-child.js');
		results = await rssRounds({ name: 'downloads', script, args: { fakeUrl: fake.url, documentId, sizeBytes }, runs, modes: MODES, variants: VARIANTS, sizeBytes, log });
	} finally {
		await fake.close();
	}
	const growth = (variant, mode) => results[`${variant}/${mode}`].map((r) => r.growth);
	const overStock = (variant, mode) => growth(variant, mode).map((v, i) => v / growth('stock', mode)[i]);
	// Near zero (filesystem mode) a ratio means nothing: there the difference in MB is shown.
	const against = (variant, mode) => {
		if (variant === 'stock') return '';
		if (mode === 'memory') return ratioText(overStock(variant, mode), 2);
		const diffs = growth(variant, mode).map((v, i) => (v - growth('stock', mode)[i]) / MB);
		return `${median(diffs) >= 0 ? '+' : ''}${median(diffs).toFixed(0)} MB (${Math.min(...diffs).toFixed(0)} to ${Math.max(...diffs).toFixed(0)})`;
	};
	const rows = [];
	for (const mode of MODES) {
		for (const { variant, label } of VARIANTS) {
			rows.push([
				mode === 'filesystem' ? 'filesystem' : 'memory (n8n default)',
				label,
				`${(median(growth(variant, mode)) / MB).toFixed(0)} MB`,
				ratioText(growth(variant, mode).map((v) => v / size), 3),
				against(variant, mode),
				`${median(results[`${variant}/${mode}`].map((r) => r.durationMs)).toFixed(0)} ms`,
			]);
		}
	}
	const mbSize = (size / MB).toFixed(1);
	const text = table(['Binary mode', 'Variant', 'Peak RSS growth, median', `Over file size (${mbSize} MB)`, 'Against HTTP Request (same round): ratio in memory mode, difference in filesystem mode', 'Workflow time, median'], rows);
	const fsRatios = ['read', 'api'].map((variant) => growth(variant, 'filesystem').map((v) => v / size));
	const memOverStock = ['read', 'api'].map((variant) => overStock(variant, 'memory'));
	const summary = [];
	['read', 'api'].forEach((variant, i) => {
		const label = variant === 'read' ? 'Read, searchable PDF' : 'API Request, file';
		summary.push({
			figure: `${label}, ${mbSize} MB download, filesystem mode: peak RSS growth over file size`,
			value: ratioText(fsRatios[i], 3),
			target: '≤ 0.25x',
			met: median(fsRatios[i]) <= 0.25 ? 'met' : 'missed',
		});
		summary.push({
			figure: `${label}, ${mbSize} MB download, in-memory mode: peak RSS growth over the HTTP Request node's`,
			value: ratioText(memOverStock[i], 2),
			target: '≤ 1x (no more than n8n\'s own node)',
			met: median(memOverStock[i]) <= 1 ? 'met' : 'missed',
		});
	});
	return {
		id: 'downloads',
		title: '6. Downloads',
		text: `${text}\n\nEach case ran ${runs} times, each in a fresh child process; RSS sampled every 2 ms from a worker thread. File: ${size} bytes.`,
		raw: results,
		summary,
	};
}

module.exports = { run };
