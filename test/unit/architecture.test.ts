/**
 * The layout rules of CONTRIBUTING.md ("Map of the code"), read from the source tree: where I/O may
 * happen, that operations share code through modules and not through each other, that an operation
 * file is named after its value, and that files stay short.
 */
import { resources } from '../../nodes/Aluma/actions/node.type';
import { FIXTURES_DIR } from '../fake-aluma/paths';
import { fs, path } from '../support/node';

const ROOT = path.join(FIXTURES_DIR, '..', '..');
const MAX_LINES = 200;

/** The .ts files below `folder`, as paths relative to the repository with "/" separators. */
function sources(folder: string): string[] {
	const entries = fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true }) as Array<{ name: string; isDirectory(): boolean }>;
	return entries.flatMap((entry) => {
		const relative = `${folder}/${entry.name}`;
		if (entry.isDirectory()) return sources(relative);
		return entry.name.endsWith('.ts') ? [relative] : [];
	});
}

const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8') as string;
const importsOf = (file: string): string[] => [...read(file).matchAll(/\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)/g)].map((match) => match[1] ?? match[2]);
const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

const runtime = [...sources('nodes'), ...sources('credentials'), ...sources('shared')];
const helpers = sources('nodes/Aluma/helpers');
const operationFiles = runtime.filter((file) => file.endsWith('.operation.ts'));

describe('architecture', () => {
	it('finds the source tree', () => {
		expect(helpers.length).toBeGreaterThan(3);
		expect(operationFiles.length).toBeGreaterThan(40);
	});

	describe('helpers/ is pure', () => {
		it.each(helpers)('%s imports nothing that does I/O', (file) => {
			expect(importsOf(file).filter((specifier) => /(^|\/)(transport|documentLifecycle)\/|\/binaryInput$/.test(specifier))).toEqual([]);
		});

		it.each(helpers)('%s gets no execution context and reads no binary data', (file) => {
			expect(read(file).match(/\bIExecuteFunctions\b|\bctx\.helpers\b/g)).toBeNull();
		});
	});

	it('sends HTTP only from nodes/Aluma/transport/, shared/ and credentials/', () => {
		const elsewhere = runtime.filter((file) => !/^(nodes\/Aluma\/transport|shared|credentials)\//.test(file));
		expect(elsewhere.filter((file) => /\bhttpRequestWithAuthentication\b|\bhttpRequest\s*\(/.test(read(file)))).toEqual([]);
	});

	it.each(operationFiles)('%s imports no other operation', (file) => {
		expect(importsOf(file).filter((specifier) => specifier.endsWith('.operation'))).toEqual([]);
	});

	describe('operation files are named after their values', () => {
		const registered = Object.entries(resources).flatMap(([resource, operations]) =>
			Object.entries(operations).map(([value, operation]) => ({ resource, value, operation, file: `nodes/Aluma/actions/${resource}/${value}.operation.ts` })),
		);

		it.each(registered)('$resource → $value is $file', async ({ file, operation }) => {
			expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
			expect(await import(`../../${file.replace(/\.ts$/, '')}`)).toBe(operation);
		});

		it('every operation file is registered under its name', () => {
			const names = registered.map((entry) => entry.file);
			expect(operationFiles.filter((file) => !names.includes(file))).toEqual([]);
		});
	});

	it(`keeps every source file at ${MAX_LINES} lines or fewer`, () => {
		const tooLong = runtime.filter((file) => lineCount(read(file)) > MAX_LINES);
		expect(tooLong.map((file) => `${file}: ${lineCount(read(file))} lines`)).toEqual([]);
	});
});
