import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import { readFileStart } from '../../../nodes/Aluma/binaryInput';
import { fileNameFromUrl } from '../../../nodes/Aluma/helpers/fileNames';
import { SIGNATURE_BYTES, isRedactableContent } from '../../../nodes/Aluma/helpers/documentOutput';
import { stream } from '../../support/node';

const PDF_START = Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n');

/** A context whose binary property "data" is `binary`; `getBinaryStream` serves `file` lazily. */
function context(binary: IBinaryData, file?: { bytes: number; head: Buffer }) {
	const pulled = { chunks: 0, bytes: 0, destroyed: false, chunkSize: 0 };
	const ctx = {
		getNodeParameter: () => 'data',
		helpers: {
			assertBinaryData: () => binary,
			getBinaryStream: async (_id: string, chunkSize = 64 * 1024) => {
				pulled.chunkSize = chunkSize;
				let offset = 0;
				const readable = new stream.Readable({
					read() {
						if (!file || offset >= file.bytes) {
							this.push(null);
							return;
						}
						const size = Math.min(chunkSize, file.bytes - offset);
						const chunk = Buffer.alloc(size, 0x20);
						if (offset === 0) file.head.copy(chunk);
						offset += size;
						pulled.chunks += 1;
						pulled.bytes += size;
						this.push(chunk);
					},
					destroy(error, callback) {
						pulled.destroyed = true;
						callback(error);
					},
				});
				return readable;
			},
		},
	} as unknown as IExecuteFunctions;
	return { ctx, pulled };
}

describe('readFileStart', () => {
	it('reads only the first bytes of a file kept on disk, then closes the stream', async () => {
		// A 50 MB file on disk (filesystem binary mode): only its first chunk may be read.
		const { ctx, pulled } = context({ id: 'filesystem-v2:abc', data: 'filesystem-v2', mimeType: 'application/octet-stream' }, { bytes: 50 * 1024 * 1024, head: PDF_START });

		const start = await readFileStart(ctx, 0, 'binaryPropertyName', SIGNATURE_BYTES);

		expect(start).toHaveLength(SIGNATURE_BYTES);
		expect(start.subarray(0, PDF_START.length).equals(PDF_START)).toBe(true);
		expect(pulled.chunkSize).toBe(SIGNATURE_BYTES);
		expect(pulled.bytes).toBeLessThanOrEqual(2 * SIGNATURE_BYTES);
		expect(pulled.destroyed).toBe(true);
	});

	it('returns the whole file when it is shorter than asked', async () => {
		const { ctx } = context({ id: 'filesystem-v2:small', data: 'filesystem-v2', mimeType: 'application/pdf' }, { bytes: 12, head: PDF_START.subarray(0, 12) });

		expect((await readFileStart(ctx, 0, 'binaryPropertyName', SIGNATURE_BYTES)).equals(PDF_START.subarray(0, 12))).toBe(true);
	});

	it.each([1, 2, 3, 4, 5, 1024])('decodes only the first %i bytes of an in-memory (base64) file', async (length) => {
		const bytes = Buffer.concat([PDF_START, Buffer.alloc(4000, 7)]);
		const { ctx, pulled } = context({ data: bytes.toString('base64'), mimeType: 'application/octet-stream' });

		expect((await readFileStart(ctx, 0, 'binaryPropertyName', length)).equals(bytes.subarray(0, length))).toBe(true);
		expect(pulled.chunks).toBe(0);
	});
});

describe('isRedactableContent', () => {
	it.each([
		['a PDF', true, PDF_START],
		['a PDF header after some junk', true, Buffer.concat([Buffer.alloc(300, 0x0a), PDF_START])],
		['a little-endian TIFF', true, Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
		['a big-endian TIFF', true, Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])],
		['a PNG', false, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
		['a JPEG', false, Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
		['text that mentions PDF', false, Buffer.from('This is not a PDF file.')],
		['nothing', false, Buffer.alloc(0)],
	])('%s → %p', (_, expected, start) => {
		expect(isRedactableContent(start)).toBe(expected);
	});
});

describe('fileNameFromUrl', () => {
	it.each([
		['https://files.example.com/in/report%201.pdf?v=2#page=3', 'report 1.pdf'],
		['/tasks/t-1/files/export.csv?format=csv', 'export.csv'],
		['documents/abc/file/', 'file'],
		['https://files.example.com', ''],
		['https://files.example.com/bad%E0%A4%A', 'bad%E0%A4%A'],
	])('reads %s as "%s"', (url, name) => {
		expect(fileNameFromUrl(url)).toBe(name);
	});
});
