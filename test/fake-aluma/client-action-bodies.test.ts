/**
 * The fake's strict Complete and Cancel bodies (DOC, Cancel Client Action): none for an export,
 * a Validation Results object for a validation, every body kept for GET /__admin/tasks/:id.
 * Run: npx jest test/fake-aluma/client-action-bodies.test.ts
 */
import { call } from '../support/fakeCall';
import { useFake } from '../support/fakeFixture';

const aluma = useFake();

describe('client action bodies', () => {
	const JSON_TYPE = { 'Content-Type': 'application/json' };
	type Problem = { status: number; title: string };

	/** A task of the seeded project (validation, then export) waiting for `action`, already started. */
	async function started(action: 'validation' | 'export'): Promise<string> {
		const created = await aluma.api('POST', '/tasks?project_id=invoices-project-seed1', { headers: { 'Content-Type': 'application/pdf' }, body: aluma.fixture('invoice.pdf') });
		const id = created.json<{ id: string }>().id;
		aluma.fake.advanceTask(id, 'pending:start_client_action');
		if (action === 'export') {
			expect((await aluma.api('POST', `/tasks/${id}/client_actions/validation/start`)).status).toBe(200);
			expect((await aluma.api('POST', `/tasks/${id}/client_actions/validation/complete`, { headers: JSON_TYPE, body: '{}' })).status).toBe(200);
		}
		expect((await aluma.api('POST', `/tasks/${id}/client_actions/${action}/start`)).status).toBe(200);
		return id;
	}

	it.each(['complete', 'cancel'])('answers 400 to an export %s with a body, and accepts one without', async (step) => {
		const id = await started('export');

		const refused = await aluma.api('POST', `/tasks/${id}/client_actions/export/${step}`, { headers: JSON_TYPE, body: '{}' });
		expect([refused.status, refused.json<Problem>().title]).toEqual([400, 'An export action takes an empty body']);
		expect((await aluma.api('POST', `/tasks/${id}/client_actions/export/${step}`)).status).toBe(200);
	});

	it.each([
		['no body', undefined],
		['a JSON array', '[]'],
		['a JSON string', '"ok"'],
	])('answers 400 to a validation complete with %s', async (_, body) => {
		const id = await started('validation');

		const refused = await aluma.api('POST', `/tasks/${id}/client_actions/validation/complete`, { headers: JSON_TYPE, body });

		expect([refused.status, refused.json<Problem>().title]).toEqual([400, 'A validation action needs a Validation Results object']);
		expect(aluma.fake.task(id)).toMatchObject({ state: 'pending:complete_client_action' });
	});

	it('keeps every body received, in order, for GET /__admin/tasks/:id; the export carries the completed results', async () => {
		const id = await started('validation');
		const draft = { documents: [{ fields: { 'Invoice Number': 'INV-DRAFT' } }] };
		const final = { documents: [{ document_type: 'Invoice', fields: { 'Invoice Number': 'INV-1001-A' } }] };

		expect((await aluma.api('POST', `/tasks/${id}/client_actions/validation/cancel`, { headers: JSON_TYPE, body: JSON.stringify(draft) })).status).toBe(200);
		expect((await aluma.api('POST', `/tasks/${id}/client_actions/validation/start`)).status).toBe(200);
		expect((await aluma.api('POST', `/tasks/${id}/client_actions/validation/complete`, { headers: JSON_TYPE, body: JSON.stringify(final) })).status).toBe(200);

		const admin = await call(aluma.fake.url, 'GET', `/__admin/tasks/${id}`);
		expect(admin.json()).toMatchObject({
			id,
			state: 'pending:start_client_action',
			client_action: 'export',
			client_action_bodies: [
				{ step: 'cancel', action: 'validation', body: draft },
				{ step: 'complete', action: 'validation', body: final },
			],
		});
		const exported = await aluma.api('POST', `/tasks/${id}/client_actions/export/start`);
		expect(exported.json<{ documents: { fields: Record<string, unknown> }[] }>().documents[0].fields['Invoice Number']).toBe('INV-1001-A');
	});

	it('answers 400 on the admin route for an unknown task', async () => {
		expect((await call(aluma.fake.url, 'GET', '/__admin/tasks/nope')).status).toBe(400);
	});
});
