import type { IBinaryData, IN8nHttpFullResponse } from 'n8n-workflow';

import type { FileAnswer, ResponseStream } from '../../../nodes/Aluma/transport/streamedAnswer';
import { StoreFailure, settleStreamedAnswer } from '../../../nodes/Aluma/transport/streamedAnswer';
import { setImmediate, stream } from '../../support/node';

/** A body as the HTTP layer would hand it over; `abort` destroys it the way axios does on its signal. */
function body(chunks: Buffer[], options: { thenFail?: Error; stall?: boolean } = {}): { body: ResponseStream; download: AbortController } {
	const download = new AbortController();
	const source = new stream.Readable({ read() {} }) as ResponseStream;
	for (const chunk of chunks) source.push(chunk);
	if (options.thenFail) {
		const failure = options.thenFail;
		setImmediate(() => source.destroy(failure));
	} else if (!options.stall) source.push(null);
	download.signal.addEventListener('abort', () => source.destroy(Object.assign(new Error('canceled'), { name: 'CanceledError' })));
	return { body: source, download };
}

const answer = (source: ResponseStream, headers: Record<string, string> = {}): IN8nHttpFullResponse => ({ statusCode: 200, headers, body: source });

/** Stands in for prepareBinaryData: reads the whole stream, as n8n's memory mode does. */
async function collect(source: ResponseStream): Promise<IBinaryData> {
	const chunks: Buffer[] = [];
	for await (const chunk of source) chunks.push(chunk as Buffer);
	return { data: Buffer.concat(chunks).toString('base64'), mimeType: 'application/pdf' };
}

describe('settleStreamedAnswer', () => {
	const bytes = [Buffer.from('%PDF-1.4 '), Buffer.from('first half, '), Buffer.from('second half')];
	const total = Buffer.concat(bytes);

	it('hands every byte to the receiver as it arrives and reports how many came', async () => {
		const { body: source, download } = body(bytes);
		const settled = await settleStreamedAnswer(answer(source, { 'content-length': String(total.length) }), collect, { idleMs: 5000, isFile: true, download });
		const file = settled.body as FileAnswer;
		expect(Buffer.from(file.binary.data, 'base64')).toEqual(total);
		expect(file.byteLength).toBe(total.length);
	});

	it('calls an answer that ends before its Content-Length a reset connection, not a file', async () => {
		const { body: source, download } = body(bytes.slice(0, 2));
		const settling = settleStreamedAnswer(answer(source, { 'Content-Length': String(total.length) }), collect, { idleMs: 5000, isFile: true, download });
		await expect(settling).rejects.toMatchObject({ code: 'ECONNRESET', message: `The answer ended after 21 of ${total.length} bytes` });
	});

	it('rethrows the network failure of a download that breaks off, so the retry policy sees it', async () => {
		const reset = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
		const { body: source, download } = body(bytes.slice(0, 1), { thenFail: reset });
		const settling = settleStreamedAnswer(answer(source), collect, { idleMs: 5000, isFile: true, download });
		await expect(settling).rejects.toBe(reset);
	});

	it('aborts a download whose body stops arriving and reports it as a timeout', async () => {
		const { body: source, download } = body(bytes.slice(0, 1), { stall: true });
		const settling = settleStreamedAnswer(answer(source), collect, { idleMs: 30, isFile: true, download });
		await expect(settling).rejects.toMatchObject({ code: 'ETIMEDOUT', message: 'No data arrived for 30 ms' });
		expect(download.signal.aborted).toBe(true);
	});

	it('reports a file n8n could not store as such, not as a network failure', async () => {
		const { body: source, download } = body(bytes);
		const refuse = async () => {
			throw new RangeError('Cannot create a string longer than 0x1fffffe8 characters');
		};
		const settling = settleStreamedAnswer(answer(source), refuse, { idleMs: 5000, isFile: true, download });
		await expect(settling).rejects.toBeInstanceOf(StoreFailure);
		await expect(settling).rejects.toThrow('n8n could not store the file Aluma sent (Cannot create a string longer than 0x1fffffe8 characters)');
	});

	it('reads any other answer whole, at most 1 MiB of it', async () => {
		const page = Buffer.alloc(3 * 1024 * 1024, 'x');
		const { body: source, download } = body([page]);
		const receive = jest.fn(collect);
		const settled = await settleStreamedAnswer({ ...answer(source), statusCode: 502 }, receive, { idleMs: 5000, isFile: false, download });
		expect((settled.body as Buffer).length).toBe(1024 * 1024);
		expect(receive).not.toHaveBeenCalled();
	});
});
