/**
 * The whole-suite secret sweep, run by test/reliability/run.js after every scenario file has run:
 * every output, error (message, description, stack, cause, context), the JSON of every run, every
 * log line n8n-core captured, everything the fake recorded (request log, stats, faults), the
 * credential-test messages and jest's own report of the scenario run are searched for the client
 * secret of every test file and every token the fake issued during the suite (captured by the
 * tap, since the fake keeps only digests). Any hit fails.
 */
import { randomBytes } from 'node:crypto';

import { NodeApiError } from 'n8n-workflow';

import type { NodeWorkflowResult } from '../../workflow/harness';
import { fs, path, process } from '../../support/node';
import { artefactsOf, countHits, outDir, recordRow } from '../../support/reliability';

interface ArtefactEntry {
	file: string;
	scenario: string;
	text: string;
}

function readLines<T>(file: string): T[] {
	const dir = outDir() as string;
	const full = path.join(dir, file);
	if (!fs.existsSync(full)) return [];
	return String(fs.readFileSync(full, 'utf8'))
		.split('\n')
		.filter((line: string) => line.trim() !== '')
		.map((line: string) => JSON.parse(line) as T);
}

const collected = () => {
	const secretEntries = readLines<{ file: string; secrets: string[] }>('secrets.jsonl');
	const clientSecrets = new Set<string>();
	const tokens = new Set<string>();
	for (const entry of secretEntries) {
		for (const secret of entry.secrets) (secret.startsWith('rel-secret-') ? clientSecrets : tokens).add(secret);
	}
	return {
		artefacts: readLines<ArtefactEntry>('artefacts.jsonl'),
		records: readLines<{ file: string; test: string }>('records.jsonl'),
		clientSecrets: [...clientSecrets],
		tokens: [...tokens],
	};
};

describe('whole-suite secret sweep', () => {
	it('has every scenario\'s artefacts, the client secret of every file and the tokens issued', () => {
		expect(outDir()).toBeDefined();
		const { artefacts, records, clientSecrets, tokens } = collected();
		const files = new Set(records.map((record) => record.file));
		recordRow({
			scenario: 'sweep material',
			outcome: `${artefacts.length} scenarios from ${files.size} files; ${clientSecrets.length} client secrets, ${tokens.length} tokens`,
			requests: null,
			documentsLeft: null,
			secretHits: 0,
		});

		expect(files.size).toBeGreaterThanOrEqual(process.env.RELIABILITY_FILTERED ? 1 : 5);
		expect(artefacts).toHaveLength(records.length);
		// One random client secret per scenario file, and tokens issued in nearly every scenario.
		expect(clientSecrets.length).toBe(files.size);
		expect(tokens.length).toBeGreaterThanOrEqual(artefacts.length / 2);
	});

	it('finds neither the client secret nor any token in anything the suite exposed', () => {
		const { artefacts, clientSecrets, tokens } = collected();
		const secrets = [...clientSecrets, ...tokens];
		const phase1 = process.env.RELIABILITY_PHASE1_JSON as string | undefined;
		const jestReport = phase1 && fs.existsSync(phase1) ? String(fs.readFileSync(phase1, 'utf8')) : '';
		const leaks = artefacts.map((entry) => ({ where: `${entry.file}: ${entry.scenario}`, hits: countHits(entry.text, secrets) })).filter((entry) => entry.hits > 0);
		const reportHits = countHits(jestReport, secrets);
		const bytes = artefacts.reduce((sum, entry) => sum + entry.text.length, 0) + jestReport.length;
		const total = leaks.reduce((sum, entry) => sum + entry.hits, 0) + reportHits;
		recordRow({
			scenario: 'whole-suite secret sweep',
			outcome: `${(bytes / 1e6).toFixed(1)} MB of outputs, errors, run data, logs, fake records and the jest report searched for ${secrets.length} secrets`,
			requests: null,
			documentsLeft: null,
			secretHits: total,
		});

		expect(jestReport.length).toBeGreaterThan(0);
		expect(leaks).toEqual([]);
		expect(reportHits).toBe(0);
	});

	it('would find a secret where a leak would be: in base64 binary data, a nested error cause, a log line', () => {
		const planted = `planted-${randomBytes(16).toString('base64url')}`;
		const empty = { run: {}, outputs: [], error: undefined, executionError: undefined, runData: {}, logs: [] };
		const sweep = (parts: object) => countHits(artefactsOf({ ...empty, ...parts } as unknown as NodeWorkflowResult), [planted]);

		const binaryRun = { data: { resultData: { runData: { Aluma: [{ data: { main: [[{ json: {}, binary: { data: { data: Buffer.from(`%PDF-1.4 ${planted}`).toString('base64') } } }]] } }] } } } };
		const cause = new Error('request failed');
		Object.defineProperty(cause, 'config', { value: { headers: { Authorization: `Bearer ${planted}` } }, enumerable: false });
		const error = new NodeApiError({ id: '1', name: 'Aluma', type: 'aluma', typeVersion: 1, position: [0, 0], parameters: {} }, { message: 'x' }, { message: 'Aluma failed' });
		Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
		const found = {
			binary: sweep({ run: binaryRun }),
			errorCause: sweep({ error }),
			logLine: sweep({ logs: [{ level: 'debug', message: 'renewing', metadata: { header: `Bearer ${planted}` } }] }),
			output: sweep({ outputs: [[{ json: { note: `token=${planted}` } }]] }),
			nothing: sweep({}),
		};
		recordRow({
			scenario: 'sweep self-check (planted token)',
			outcome: `planted token found in binary ×${found.binary}, error cause ×${found.errorCause}, log ×${found.logLine}, output ×${found.output}`,
			requests: null,
			documentsLeft: null,
			secretHits: 0,
		});

		expect(found.binary).toBeGreaterThanOrEqual(1);
		expect(found.errorCause).toBeGreaterThanOrEqual(1);
		expect(found.logLine).toBeGreaterThanOrEqual(1);
		expect(found.output).toBeGreaterThanOrEqual(1);
		expect(found.nothing).toBe(0);
	});
});
