/**
 * Answers requested as streams (file downloads). A successful file answer goes to n8n's binary
 * store as it arrives: in filesystem binary mode the file is written to disk without being held in
 * memory, and in memory mode n8n buffers it once, as for its own HTTP Request node. The bytes are
 * counted on the way, so an answer shorter than its Content-Length, or one that stops arriving, is
 * a network failure (retried like one) and never a truncated file.
 */
import type { IBinaryData, IDataObject, IExecuteFunctions, IN8nHttpFullResponse } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { header } from './responseBody';

/** The stream n8n's request helper hands back for `encoding: 'stream'`. */
export type ResponseStream = Exclude<Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0], Buffer>;

/** Where a file answer goes, given its headers (in practice: n8n's `prepareBinaryData`). */
export type ReceiveFile = (body: ResponseStream, headers: IDataObject) => Promise<IBinaryData>;

export interface FileAnswer {
	binary: IBinaryData;
	/** Bytes received (n8n 1.x does not report the size of what it stored). */
	byteLength: number;
}

/** n8n could not store a file that arrived whole (memory or disk), as opposed to a failed download. */
export class StoreFailure extends Error {
	readonly description =
		'In n8n\'s default in-memory binary mode a file must fit in memory (as base64 text, about 380 MB at most). For large files set N8N_DEFAULT_BINARY_DATA_MODE=filesystem, and check the free disk space';
}

/** Error pages, redirects and other answers read whole are small; past this they are cut off. */
const MAX_BUFFERED_ANSWER_BYTES = 1024 * 1024;
/** How often a download is checked for progress. */
const WATCH_STEP_MS = 1000;

function isResponseStream(body: unknown): body is ResponseStream {
	const candidate = body as Partial<ResponseStream> | undefined;
	return typeof candidate?.pipe === 'function' && typeof candidate.map === 'function';
}

function networkFailure(message: string, code: string): Error {
	return Object.assign(new Error(message), { code });
}

/**
 * `body`, counted as it passes. When no byte arrives for `idleMs` the request is aborted (n8n's
 * request timeout ends when the headers arrive, not with the body; destroying the stream n8n hands
 * back does not reach the socket) and `failure()` is an ETIMEDOUT error. `stop()` ends the watch.
 */
function watched(body: ResponseStream, idleMs: number, download: AbortController) {
	let bytes = 0;
	let lastProgress = Date.now();
	let done = false;
	let failure: unknown;
	body.once('error', (error) => (failure ??= error));
	const stream = body.map((chunk: Buffer) => {
		bytes += chunk.length;
		lastProgress = Date.now();
		return chunk;
	}) as ResponseStream;
	const step = Math.max(1, Math.min(WATCH_STEP_MS, idleMs));
	void (async () => {
		while (!done) {
			await sleep(step);
			if (!done && Date.now() - lastProgress >= idleMs) {
				failure = networkFailure(`No data arrived for ${idleMs} ms`, 'ETIMEDOUT');
				download.abort();
				return;
			}
		}
	})();
	return {
		stream,
		bytes: () => bytes,
		/** The error the download itself failed with, if it did. */
		failure: () => failure,
		stop: () => {
			done = true;
			body.destroy();
		},
	};
}

async function readWhole(body: ResponseStream, idleMs: number, download: AbortController): Promise<Buffer> {
	const watch = watched(body, idleMs, download);
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of watch.stream) {
			const part = (chunk as Buffer).subarray(0, MAX_BUFFERED_ANSWER_BYTES - size);
			chunks.push(part);
			size += part.length;
			if (size >= MAX_BUFFERED_ANSWER_BYTES) break;
		}
	} catch (error) {
		throw watch.failure() ?? error;
	} finally {
		watch.stop();
	}
	return Buffer.concat(chunks);
}

/**
 * Settles a response requested as a stream: a file answer (`isFile`) goes to `receive` as it
 * arrives and its body becomes a FileAnswer; any other answer is read whole into a Buffer.
 */
export async function settleStreamedAnswer(
	response: IN8nHttpFullResponse,
	receive: ReceiveFile,
	{ idleMs, isFile, download }: { idleMs: number; isFile: boolean; download: AbortController },
): Promise<IN8nHttpFullResponse> {
	const body = response.body;
	if (!isResponseStream(body)) return response;
	if (!isFile) return { ...response, body: await readWhole(body, idleMs, download) };
	const headers = (response.headers ?? {}) as IDataObject;
	const watch = watched(body, idleMs, download);
	let binary: IBinaryData;
	try {
		binary = await receive(watch.stream, headers);
	} catch (error) {
		throw watch.failure() ?? new StoreFailure(`n8n could not store the file Aluma sent (${(error as Error).message})`);
	} finally {
		watch.stop();
	}
	const expected = Number(header(headers, 'content-length') ?? NaN);
	if (Number.isFinite(expected) && watch.bytes() !== expected) {
		throw networkFailure(`The answer ended after ${watch.bytes()} of ${expected} bytes`, 'ECONNRESET');
	}
	const answer: FileAnswer = { binary, byteLength: watch.bytes() };
	return { ...response, body: answer };
}
