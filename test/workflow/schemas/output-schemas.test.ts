/**
 * The output schemas n8n's editor shows before a node has run (`__schema__/v1.0.0/<resource>/<operation>.json`
 * beside the node, `__schema__/v1.0.0.json` for the trigger): one per operation, each checked against
 * the real output of that operation in n8n's engine against the fake Aluma. A schema that no longer
 * matches the output fails here; `npm run schemas` writes them again from the same runs.
 *
 * Run: npx jest test/workflow/schemas/output-schemas.test.ts
 */
import type { IDataObject } from 'n8n-workflow';

import { Aluma } from '../../../nodes/Aluma/Aluma.node';
import { AlumaTrigger } from '../../../nodes/AlumaTrigger/AlumaTrigger.node';
import { FIXTURES_DIR } from '../../fake-aluma/paths';
import { fs, path, process } from '../../support/node';
import { useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { useImportServer } from '../../support/documents';
import type { OutputSchema } from './jsonSchema';
import { mismatches, schemaOf } from './jsonSchema';
import { nodeScenarios, triggerTestEvent } from './scenarios';

const HOUR = 3_600_000;
const aluma = useFakeAluma({ taskQueuedMs: HOUR, taskRunningMs: HOUR });
useImportServer(aluma);

const WRITE = process.env.WRITE_OUTPUT_SCHEMAS === '1';
const REPO = path.resolve(FIXTURES_DIR, '../..');
const NODE_SCHEMAS = path.join(REPO, 'nodes/Aluma/__schema__');
const TRIGGER_SCHEMAS = path.join(REPO, 'nodes/AlumaTrigger/__schema__');

/** n8n's folder name for a node version: 1 → v1.0.0, 1.1 → v1.1.0. */
const versionFolder = (version: number) => `v${String(version).split('.').concat(['0', '0']).slice(0, 3).join('.')}`;
const versionsOf = (version: number | number[]) => (Array.isArray(version) ? version : [version]);
const NODE_VERSIONS = versionsOf(new Aluma().description.version);

/** Every resource → operation the node offers, read from its description. */
function operationsOfNode(): string[] {
	const { properties } = new Aluma().description;
	const resources = (properties.find((property) => property.name === 'resource')?.options ?? []) as Array<{ value: string }>;
	return resources.flatMap(({ value: resource }) => {
		const selector = properties.find(
			(property) => property.name === 'operation' && (property.displayOptions?.show?.resource ?? []).includes(resource),
		);
		return ((selector?.options ?? []) as Array<{ value: string }>).map(({ value }) => `${resource}/${value}`);
	});
}

/** `v1.0.0/document/extract` for every schema file of the node. */
function schemaFilesOnDisk(): string[] {
	if (!fs.existsSync(NODE_SCHEMAS)) return [];
	return (fs.readdirSync(NODE_SCHEMAS) as string[]).flatMap((version) =>
		(fs.readdirSync(path.join(NODE_SCHEMAS, version)) as string[]).flatMap((resource) =>
			(fs.readdirSync(path.join(NODE_SCHEMAS, version, resource)) as string[]).map(
				(file) => `${version}/${resource}/${file.replace(/\.json$/, '')}`,
			),
		),
	);
}

/** Writes the schema (WRITE_OUTPUT_SCHEMAS=1), else checks the committed one against the output. */
function checkSchema(file: string, output: IDataObject[]): void {
	expect(output.length).toBeGreaterThan(0);
	const fresh = schemaOf(output);
	if (WRITE) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, `${JSON.stringify(fresh, null, '\t')}\n`);
	}
	const relative = path.relative(REPO, file);
	if (!fs.existsSync(file)) throw new Error(`${relative} is missing: run "npm run schemas"`);
	const committed = JSON.parse(fs.readFileSync(file, 'utf8')) as OutputSchema;
	const problems = mismatches(committed, output);
	if (problems.length > 0) {
		throw new Error(`${relative} no longer matches the output (run "npm run schemas"):\n  ${problems.join('\n  ')}`);
	}
	// Same types and keys, and nothing stale the line-by-line check could not see.
	expect(committed).toEqual(fresh);
}

describe('Aluma output schemas', () => {
	it('has a scenario for every operation of the node, and no schema for an operation or version it lacks', () => {
		const covered = nodeScenarios(1).map(({ resource, operation }) => `${resource}/${operation}`).sort();
		expect(covered).toEqual(operationsOfNode().sort());
		const expected = NODE_VERSIONS.flatMap((version) => covered.map((operation) => `${versionFolder(version)}/${operation}`));
		if (!WRITE) expect(schemaFilesOnDisk().sort()).toEqual(expected.sort());
	});

	describe.each(NODE_VERSIONS)('node version %s', (typeVersion) => {
		it.each(nodeScenarios(typeVersion).map((scenario) => [`${scenario.resource} → ${scenario.operation}`, scenario] as const))(
			'%s: the schema describes the real output',
			async (_name, scenario) => {
				const output = await scenario.run(aluma);
				checkSchema(path.join(NODE_SCHEMAS, versionFolder(typeVersion), scenario.resource, `${scenario.operation}.json`), output);
			},
		);
	});

	it('Aluma Trigger: the schema describes a test event', async () => {
		// The test event is polled at the trigger's version 1; a new version needs its own run here.
		expect(versionsOf(new AlumaTrigger().description.version)).toEqual([1]);
		checkSchema(path.join(TRIGGER_SCHEMAS, `${versionFolder(1)}.json`), await triggerTestEvent(aluma));
	});
});

describe('the schema check itself', () => {
	const schema = schemaOf([{ id: 'a', total: 1, lines: [{ text: 'x' }] }]);

	it('accepts the output the schema was made from', () => {
		expect(mismatches(schema, [{ id: 'b', total: 2, lines: [{ text: 'y' }] }])).toEqual([]);
	});

	it('names a key the output gained, a key it lost and a type that changed', () => {
		expect(mismatches(schema, [{ id: 'b', total: '2', lines: [{ text: 'y' }], extra: true }])).toEqual([
			'$.extra: in the output, not in the schema',
			'$.total: string where the schema allows number',
		]);
		expect(mismatches(schema, [{ id: 'b', lines: [{}] }])).toEqual([
			'$.lines[].text: in the schema, not in the output',
			'$.total: in the schema, not in the output',
		]);
	});
});
