// Scenario 4 — memory. One 200 MB file (generated in a temp dir by each child) through Create
// Document, in n8n's filesystem binary mode and in the default in-memory mode; each case in a
// child process of its own (memory-child.js) so RSS is clean. Figure: peak RSS during the
// workflow minus RSS just before it, over the file size. A control run (the same file read into
// n8n, then a pass-through node instead of an upload) shows what the binary mode costs by itself;
// n8n's stock HTTP Request node (binary body, alumaApi credential) uploads the same file.
// The fake runs in another process, with its upload limit raised above 200 MB.
'use strict';

const path = require('node:path');

const { rssRounds } = require('../lib/child');
const { startFake } = require('../lib/fake');
const { median, ratioText, table } = require('../lib/stats');

const SIZE = 200 * 1024 * 1024;
const MB = 1024 * 1024;
const VARIANTS = [
	{ variant: 'aluma', label: 'Aluma Create Document' },
	{ variant: 'stock', label: 'HTTP Request (binary body)' },
	{ variant: 'control', label: 'Control: read file + pass-through (no upload)' },
];
const MODES = ['filesystem', 'memory'];

async function run({ runs, log }) {
	const fake = await startFake({ maxFileBytes: 256 * MB });
	let results;
	try {
		const script = path.join(__dirname, 'memory-child.js');
		results = await rssRounds({ name: 'memory', script, args: { fakeUrl: fake.url, sizeBytes: SIZE }, runs, modes: MODES, variants: VARIANTS, sizeBytes: SIZE, log });
	} finally {
		await fake.close();
	}
	const growth = (variant, mode) => results[`${variant}/${mode}`].map((r) => r.growth);
	const mb = (values) => `${(median(values) / MB).toFixed(0)} MB`;
	const rows = [];
	for (const mode of MODES) {
		for (const { variant, label } of VARIANTS) {
			const values = growth(variant, mode);
			const control = growth('control', mode);
			rows.push([
				mode === 'filesystem' ? 'filesystem' : 'memory (n8n default)',
				label,
				mb(values),
				ratioText(values.map((v) => v / SIZE), 3),
				variant === 'control' ? '' : ratioText(values.map((v, i) => (v - control[i % control.length]) / SIZE), 3),
			]);
		}
	}
	const text = table(['Binary mode', 'Variant', 'Peak RSS growth, median', 'Over file size (200 MB)', 'Upload step over file size (minus control)'], rows);
	const fsRatio = growth('aluma', 'filesystem').map((v) => v / SIZE);
	const memRatio = growth('aluma', 'memory').map((v) => v / SIZE);
	return {
		id: 'memory',
		title: '4. Memory',
		text: `${text}\n\nEach case ran ${runs} times, each in a fresh child process; RSS sampled every 2 ms from a worker thread.`,
		raw: results,
		summary: [
			{
				figure: 'Create Document, 200 MB, filesystem mode: peak RSS growth over file size',
				value: ratioText(fsRatio, 3),
				target: 'well under 1x (streamed)',
				met: median(fsRatio) < 0.25 ? 'met' : 'missed',
			},
			{
				figure: 'Create Document, 200 MB, default in-memory mode: peak RSS growth over file size',
				value: ratioText(memRatio, 2),
				target: '(printed for reference)',
				met: '',
			},
		],
	};
}

module.exports = { run };
