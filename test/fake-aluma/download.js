// The fake's own HTTP client for URL imports: Aluma downloads the file itself and gives up after
// 10 seconds. Real timers from node:timers, so jest fake timers in a test do not freeze it.
'use strict';

const http = require('node:http');
const https = require('node:https');
const timers = require('node:timers');

const MAX_REDIRECTS = 3;

/**
 * Downloads `url` completely within `timeoutMs`, following up to 3 redirects.
 * Rejects with an Error whose message explains the failure in words fit for a problem `detail`.
 * @param {URL} url
 * @param {{ timeoutMs: number, maxBytes: number, signal: AbortSignal }} options
 * @returns {Promise<Buffer>}
 */
function download(url, { timeoutMs, maxBytes, signal }) {
	const controller = new AbortController();
	const onClose = () => controller.abort();
	signal.addEventListener('abort', onClose);
	let timedOut = false;
	const timer = timers.setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, timeoutMs);

	/** @returns {Promise<Buffer>} */
	const fetchOnce = (target, redirectsLeft) =>
		new Promise((resolve, reject) => {
			const client = target.protocol === 'https:' ? https : http;
			const req = client.get(target, { signal: controller.signal }, (res) => {
				const status = res.statusCode ?? 0;
				if (status >= 300 && status < 400 && res.headers.location && redirectsLeft > 0) {
					res.resume();
					resolve(fetchOnce(new URL(res.headers.location, target), redirectsLeft - 1));
					return;
				}
				if (status < 200 || status >= 300) {
					res.resume();
					reject(new Error(`the server at ${target.host} answered HTTP ${status}`));
					return;
				}
				/** @type {Buffer[]} */
				const chunks = [];
				let size = 0;
				res.on('data', (chunk) => {
					size += chunk.length;
					if (size > maxBytes) req.destroy(new Error(`the file is larger than ${maxBytes} bytes`));
					else chunks.push(chunk);
				});
				res.on('end', () => resolve(Buffer.concat(chunks)));
				res.on('error', reject);
			});
			req.on('error', reject);
		});

	return fetchOnce(url, MAX_REDIRECTS)
		.catch((error) => {
			if (timedOut) throw new Error(`the download did not finish within ${timeoutMs / 1000} seconds`);
			if (signal.aborted) throw new Error('the server is shutting down');
			throw new Error(error.code ? `${error.message} (${error.code})` : error.message);
		})
		.finally(() => {
			timers.clearTimeout(timer);
			signal.removeEventListener('abort', onClose);
		});
}

module.exports = { download };
