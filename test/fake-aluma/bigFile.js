// Large generated answers, for measuring how a client handles files of hundreds of megabytes: a PDF
// grown by an incremental update holding one unreferenced stream of pseudo-random bytes (still a
// valid PDF with the same pages and text), streamed with backpressure, never held whole.
'use strict';

const crypto = require('node:crypto');

// Bytes 0x80–0xFF only: no ASCII, so a text reader never finds a string or an operator in them
// (plain random bytes form "(…) Tj" now and then, and the padding read as a page).
const CHUNK = crypto.randomBytes(1024 * 1024).map((byte) => byte | 0x80);

/**
 * The parts of `pdf` grown by `paddingBytes`: what goes before the padding, and after it.
 * @param {Buffer} pdf  a PDF with a classic xref table (as buildPdf writes)
 * @param {number} paddingBytes
 */
function paddedPdfParts(pdf, paddingBytes) {
	const text = pdf.toString('latin1');
	const previousXref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
	const size = Number(/\/Size (\d+)/.exec(text.slice(previousXref))?.[1]);
	if (!Number.isInteger(previousXref) || !Number.isInteger(size)) throw new Error('paddedPdfParts: not a PDF with a classic xref table');
	const head = Buffer.concat([pdf, Buffer.from(`${size} 0 obj\n<< /Length ${paddingBytes} >>\nstream\n`, 'latin1')]);
	const xref = head.length + paddingBytes + '\nendstream\nendobj\n'.length;
	const tail =
		`\nendstream\nendobj\nxref\n0 1\n0000000000 65535 f \n${size} 1\n${String(pdf.length).padStart(10, '0')} 00000 n \n` +
		`trailer\n<< /Size ${size + 1} /Prev ${previousXref} ${/\/Root \d+ 0 R/.exec(text.slice(previousXref))?.[0] ?? ''} >>\nstartxref\n${xref}\n%%EOF\n`;
	return { head, paddingBytes, tail: Buffer.from(tail, 'latin1') };
}

function drainedOrClosed(res) {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve(undefined);
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/** Writes `count` pseudo-random bytes to `res`, waiting for the socket to drain. */
async function writePadding(res, count) {
	let left = count;
	while (left > 0 && !res.destroyed) {
		const part = CHUNK.subarray(0, Math.min(CHUNK.length, left));
		left -= part.length;
		if (!res.write(part)) await drainedOrClosed(res);
	}
}

/** Sends `pdf` grown to (about) `paddingBytes` more, with its exact Content-Length. */
async function sendPaddedPdf(res, pdf, paddingBytes) {
	const { head, tail } = paddedPdfParts(pdf, paddingBytes);
	res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': head.length + paddingBytes + tail.length });
	res.write(head);
	await writePadding(res, paddingBytes);
	res.end(tail);
}

module.exports = { paddedPdfParts, sendPaddedPdf };
