/**
 * File downloads that go wrong on the wire: an answer cut short (with its Content-Length, or
 * chunked), one longer than its Content-Length says, one that stops arriving. A download is
 * streamed into n8n's binary data (transport/streamedAnswer.ts); whatever breaks, the node never
 * outputs a truncated or padded file, retries only what is safe, and deletes its document.
 */
import { createHash } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import type { BinaryMode, NodeWorkflowResult } from '../workflow/harness';
import { apiRequest, errorItems, expectEveryItem, expectReadable, fileItem, fixture, outcome, reliabilitySuite } from '../support/reliability';

const { env, scenario, runAluma } = reliabilitySuite();

const READS = /^\/documents\/[^/]+\/reads$/;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function readFile(extra: INodeParameters = {}): INodeParameters {
	return { resource: 'document', operation: 'readFile', source: 'binary', binaryPropertyName: 'data', readOutput: 'pdf', options: {}, ...extra };
}

async function runReadFile(binaryMode: BinaryMode): Promise<NodeWorkflowResult> {
	return await runAluma({
		parameters: readFile(),
		items: [fileItem(fixture('invoice.pdf'))],
		continueOnFail: true,
		binaryMode,
	});
}

/** The searchable PDF of the invoice as the fake sends it, downloaded once without faults. */
async function intactPdf(): Promise<Buffer> {
	const result = await runReadFile('memory');
	const [item] = expectEveryItem(result, 1);
	return await result.binary(item);
}

const readGets = () => env().tap.relayed.filter((entry) => entry.method === 'GET' && READS.test(entry.path)).length;

describe.each<BinaryMode>(['memory', 'filesystem'])('Read File, %s binary mode', (binaryMode) => {
	it.each(['short', 'chunked'] as const)('a download cut %s once is fetched again and arrives whole', async (mode) => {
		const expected = await intactPdf();
		env().tap.reset();
		const s = scenario(`Read File PDF cut ${mode} once (${binaryMode} mode)`);
		env().tap.cut({ method: 'GET', path: READS, mode });
		const result = await runReadFile(binaryMode);
		const gets = readGets();
		const m = s.finish(outcome(result, `${gets} GETs of the read result`), [result]);

		const [item] = expectEveryItem(result, 1);
		expect(errorItems(result)).toEqual([]);
		const pdf = await result.binary(item);
		expect(sha256(pdf)).toBe(sha256(expected));
		expect(item.json.fileSize).toBe(expected.length);
		expect(gets).toBe(2);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('a download cut short on every try is an error item with no file, after 4 tries, document deleted', async () => {
		const s = scenario(`Read File PDF cut short on every try (${binaryMode} mode)`);
		env().tap.cut({ method: 'GET', path: READS, mode: 'short', times: 10 });
		const result = await runReadFile(binaryMode);
		const gets = readGets();
		const m = s.finish(outcome(result, `${gets} GETs of the read result`), [result]);

		const [item] = expectEveryItem(result, 1);
		expect(errorItems(result).map((entry) => entry.index)).toEqual([0]);
		expect(item.binary).toBeUndefined();
		expectReadable(item.json.error);
		expect(item.json.error).toMatch(/^The connection to Aluma failed when trying to get the read result \(connection reset\)$/);
		expect(gets).toBe(4);
		expect(m.documentsLeft).toBe(0);
		expect(m.secretHits).toBe(0);
	});

	it('bytes beyond the Content-Length never reach the file', async () => {
		const expected = await intactPdf();
		env().tap.reset();
		const s = scenario(`Read File PDF longer than its Content-Length (${binaryMode} mode)`);
		env().tap.cut({ method: 'GET', path: READS, mode: 'long' });
		const result = await runReadFile(binaryMode);
		const m = s.finish(outcome(result, 'the file as announced'), [result]);

		const [item] = expectEveryItem(result, 1);
		expect(errorItems(result)).toEqual([]);
		expect(sha256(await result.binary(item))).toBe(sha256(expected));
		expect(m.documentsLeft).toBe(0);
	});
});

describe('API Request, Response Format "File"', () => {
	const download = (timeout: number) =>
		apiRequest({ path: '/classifiers', responseFormat: 'file', options: { fileName: 'classifiers.json', timeout } });

	it('a file whose body stops arriving fails after Timeout, sent once more at most', async () => {
		const s = scenario('API Request file download stalls mid-body, Timeout 1 s');
		env().tap.stall({ method: 'GET', path: /^\/classifiers$/, times: 5 });
		const started = Date.now();
		const result = await runAluma({ parameters: download(1), continueOnFail: true });
		const elapsed = Date.now() - started;
		const sent = env().tap.relayed.filter((entry) => entry.path === '/classifiers').length;
		const m = s.finish(outcome(result, `${sent} GETs, ${elapsed} ms`), [result]);

		const [item] = expectEveryItem(result, 1);
		expect(item.binary).toBeUndefined();
		expect(item.json.error).toMatch(/^Aluma did not answer in time when trying to send GET \/classifiers$/);
		expect(sent).toBe(2);
		expect(elapsed).toBeLessThan(10_000);
		expect(m.secretHits).toBe(0);
	});

	it('a file cut short once is fetched again and arrives whole (filesystem mode)', async () => {
		const s = scenario('API Request file download cut short once (filesystem mode)');
		env().tap.cut({ method: 'GET', path: /^\/classifiers$/, mode: 'short' });
		const result = await runAluma({ parameters: download(10), binaryMode: 'filesystem' });
		const sent = env().tap.relayed.filter((entry) => entry.path === '/classifiers').length;
		s.finish(outcome(result, `${sent} GETs`), [result]);

		const [item] = expectEveryItem(result, 1);
		expect(item.binary?.data).toMatchObject({ fileName: 'classifiers.json', mimeType: 'application/json' });
		expect(JSON.parse((await result.binary(item)).toString('utf8')).classifiers).toEqual([expect.objectContaining({ name: 'mailroom' })]);
		expect(sent).toBe(2);
	});
});
