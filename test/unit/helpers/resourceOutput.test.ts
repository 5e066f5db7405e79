import { simplifyResource, withoutLinks } from '../../../nodes/Aluma/helpers/resourceOutput';

const task = {
	id: 't1',
	project_id: 'p1',
	client_action: 'export',
	_links: { self: { href: '/tasks/t1' } },
	documents: [{ document_type: 'Invoice', fields: { invoice_number: { value: 'INV-1' } }, _links: { self: { href: '/x' } } }],
	tags: { file_name: 'a.pdf' },
};

describe('simplifyResource', () => {
	it('drops HAL links at any depth and camelCases Aluma\'s keys, but not field names or tags users chose', () => {
		expect(simplifyResource(task)).toEqual({
			id: 't1',
			projectId: 'p1',
			clientAction: 'export',
			documents: [{ documentType: 'Invoice', fields: { invoice_number: { value: 'INV-1' } } }],
			tags: { file_name: 'a.pdf' },
		});
	});

	it('leaves keys that are not snake_case as they are', () => {
		expect(simplifyResource({ 'Invoice Number': 1, taskId: 'x', _embedded: { a_b: 1 } })).toEqual({ 'Invoice Number': 1, taskId: 'x', _embedded: { aB: 1 } });
	});
});

describe('withoutLinks', () => {
	it('drops only the links', () => {
		expect(withoutLinks(task)).toEqual({ ...task, _links: undefined, documents: [{ ...task.documents[0], _links: undefined }] } as never);
	});
});
