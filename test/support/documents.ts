/**
 * Helpers for the Document operation tests: parameters, documents made (and removed) through the
 * node's own Create/Delete operations, PDF text of outputs, and a local file server that the fake
 * Aluma server downloads URL imports from (mapped with its `importHosts` setting).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { readPdfText } from '../fake-aluma/pdf';
import { readZip } from '../fake-aluma/zip';
import { http } from './node';
import type { NodeWorkflowResult } from '../workflow/harness';
import type { FakeAlumaFixture } from './fakeAlumaWorkflow';
import { expectSuccess, fileItem, fixture } from './fakeAlumaWorkflow';

export const IMPORT_HOST = 'files.example.com';

/** Document resource parameters for `operation`. */
export function documentParams(operation: string, parameters: INodeParameters = {}): INodeParameters {
	return { resource: 'document', operation, ...parameters };
}

/** Creates one Aluma document per fixture with the node's Create From File; returns their ids in order. */
export async function createDocuments(aluma: FakeAlumaFixture, names: string[]): Promise<string[]> {
	const result = await aluma.run({ parameters: documentParams('create'), items: names.map((name) => fileItem(name)) });
	return expectSuccess(result).map((item) => String(item.json.id));
}

/** Deletes documents with the node's Delete operation. */
export async function deleteDocuments(aluma: FakeAlumaFixture, ids: string[]): Promise<void> {
	if (ids.length === 0) return;
	const result = await aluma.run({
		parameters: documentParams('deleteDocument', { documentId: '={{ $json.id }}' }),
		items: ids.map((id) => ({ json: { id } })),
	});
	expectSuccess(result);
}

/** Runs `work` with documents made from `names`, and deletes them afterwards whatever happens. */
export async function withDocuments<T>(aluma: FakeAlumaFixture, names: string[], work: (ids: string[]) => Promise<T>): Promise<T> {
	const ids = await createDocuments(aluma, names);
	try {
		return await work(ids);
	} finally {
		// Documents a test already deleted are reported as already gone, not as errors.
		await deleteDocuments(aluma, ids);
	}
}

/** Text lines of every page of a PDF output. */
export async function pdfLines(result: NodeWorkflowResult, itemIndex = 0, property = 'data'): Promise<string[]> {
	const bytes = await result.binary(result.outputs[0][itemIndex], property);
	expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	return readPdfText(bytes).pages.flatMap((page) => page.lines);
}

/** Files of a zip output, by name. */
export async function zipEntries(result: NodeWorkflowResult, itemIndex = 0, property = 'data'): Promise<Record<string, Buffer>> {
	const bytes = await result.binary(result.outputs[0][itemIndex], property);
	return Object.fromEntries(readZip(bytes).map((entry) => [entry.name, entry.data]));
}

export function files(json: IDataObject): IDataObject[] {
	return (json.files as IDataObject[]) ?? [];
}

export interface FileServer {
	/** `http://127.0.0.1:PORT`, for the fake's `importHosts`. */
	origin: string;
	/** Paths requested so far. */
	requested: string[];
	close(): Promise<void>;
}

/** Serves the fixtures at `/<name>` (any folder), 404 for anything else. */
export async function startFileServer(): Promise<FileServer> {
	const requested: string[] = [];
	const server = http.createServer((req, res) => {
		const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		requested.push(pathname);
		const name = decodeURIComponent(pathname.split('/').pop() ?? '');
		let bytes: Buffer | undefined;
		try {
			bytes = /^[\w.-]+$/.test(name) ? fixture(name) : undefined;
		} catch {
			bytes = undefined;
		}
		if (!bytes) {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('not found');
			return;
		}
		res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length });
		res.end(bytes);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	const { port } = server.address() as { port: number };
	return {
		origin: `http://127.0.0.1:${port}`,
		requested,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/**
 * Registers the hooks of a describe block whose URL imports the fake downloads from a file server:
 * started once, mapped to IMPORT_HOST and its request list emptied before every test.
 */
export function useImportServer(aluma: FakeAlumaFixture): () => FileServer {
	let server: FileServer | undefined;
	beforeAll(async () => {
		server = await startFileServer();
	});
	afterAll(async () => {
		await server?.close();
	});
	beforeEach(() => {
		aluma.fake.setConfig({ importHosts: { [IMPORT_HOST]: (server as FileServer).origin } });
		(server as FileServer).requested.length = 0;
	});
	return () => server as FileServer;
}
