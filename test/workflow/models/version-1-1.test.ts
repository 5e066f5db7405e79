/**
 * Node version 1.1 against the fake Aluma server: Simplify (on by default) for Aluma's resources,
 * Raw on request, and Return All / Limit on every Get Many; a version-1 node, as saved workflows
 * hold it, keeps its raw output and its whole lists.
 *
 * Run: npx jest test/workflow/models/version-1-1.test.ts
 */
import type { INodeParameters } from 'n8n-workflow';

import { byName, expectSuccess, jsonOf, useFakeAluma } from '../../support/fakeAlumaWorkflow';
import { createTasks, params } from '../../support/tasks';

const aluma = useFakeAluma();

const SEEDED_PROJECT = 'invoices-project-seed1';
const v11 = async (parameters: INodeParameters) => await aluma.run({ typeVersion: 1.1, parameters });

async function createClassifiers(...names: string[]): Promise<void> {
	expectSuccess(await aluma.run({ parameters: params('classifier', 'create', { classifierName: '={{ $json.name }}' }), items: names.map((name) => ({ json: { name } })) }));
}

describe('Simplify', () => {
	it('is on by default: camelCase keys and no HAL links, for a classifier', async () => {
		const [classifier] = jsonOf(await v11(params('classifier', 'get', { classifier: byName('mailroom') })));

		expect(classifier).toEqual({ name: 'mailroom', documentTypes: ['Invoice', 'Purchase Order', 'Letter'], samples: 36 });
	});

	it('gives Aluma\'s raw answer when turned off, as version 1 always does', async () => {
		const raw = jsonOf(await v11(params('classifier', 'get', { classifier: byName('mailroom'), simplify: false })));
		const version1 = jsonOf(await aluma.run({ parameters: params('classifier', 'get', { classifier: byName('mailroom') }) }));

		expect(raw[0]).toMatchObject({ name: 'mailroom', document_types: ['Invoice', 'Purchase Order', 'Letter'], _links: expect.any(Object) });
		expect(version1).toEqual(raw);
	});

	it('simplifies a task the same way, and keeps what Wait for Task adds', async () => {
		const [id] = await createTasks(aluma, SEEDED_PROJECT, ['invoice.pdf']);

		const [task] = jsonOf(await v11(params('task', 'get', { taskId: id })));
		const [waited] = jsonOf(await v11(params('task', 'waitForTask', { taskId: id, waitUntil: ['running', 'readyForValidation'], maxWait: 5, interval: 1 })));

		expect(task).toMatchObject({ id, projectId: SEEDED_PROJECT });
		expect(Object.keys(task).filter((key) => key.includes('_'))).toEqual([]);
		expect(waited).toMatchObject({ id, projectId: SEEDED_PROJECT, waitTimedOut: false });
		expect(JSON.stringify([task, waited])).not.toContain('_links');
	});
});

describe('Return All / Limit on every Get Many', () => {
	it('limits Classifier → Get Many to 50 by default in version 1.1, or to the Limit given', async () => {
		await createClassifiers('alpha', 'beta', 'gamma');

		const limited = jsonOf(await v11(params('classifier', 'getAll', { limit: 2 })));
		const all = jsonOf(await v11(params('classifier', 'getAll', { returnAll: true })));

		expect(limited.map((json) => json.name)).toEqual(['mailroom', 'alpha']);
		expect(all.map((json) => json.name)).toEqual(['mailroom', 'alpha', 'beta', 'gamma']);
		expect(all[1]).toEqual({ name: 'alpha' });
	});

	it('returns every classifier, extractor and module in version 1, which had no Limit', async () => {
		await createClassifiers('alpha', 'beta', 'gamma');

		const version1 = jsonOf(await aluma.run({ parameters: params('classifier', 'getAll', { limit: 1 }) }));
		const modules = jsonOf(await aluma.run({ parameters: params('module', 'getAll', { limit: 1 }) }));
		const modules11 = jsonOf(await v11(params('module', 'getAll', { limit: 1 })));

		expect(version1).toHaveLength(4);
		expect(modules.length).toBeGreaterThan(1);
		expect(modules11).toHaveLength(1);
	});
});
