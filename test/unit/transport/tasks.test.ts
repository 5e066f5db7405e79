import { encodeTaskTags } from '../../../nodes/Aluma/transport/tasks';
import { fillPath } from '../../../nodes/Aluma/transport/requestPlan';
import { ROUTES } from '../../../nodes/Aluma/transport/routes';

describe('X-Aluma-Tags', () => {
	it('joins key=value pairs like a query string and leaves out empty tags', () => {
		expect(encodeTaskTags({ task_name: 'AB3947853', file_name: '00001.pdf', file_path: '', file_created_time: 1711958908 })).toBe(
			'task_name=AB3947853&file_name=00001.pdf&file_created_time=1711958908',
		);
		expect(encodeTaskTags({})).toBeUndefined();
	});

	it('encodes &, =, line breaks and non-ASCII so values cannot add pairs or break the header', () => {
		const header = encodeTaskTags({ task_name: 'a&b=c\r\nX-Evil: 1', file_path: 'C:\\inbox\\Größe' }) as string;
		expect(header).toBe('task_name=a%26b%3Dc%0D%0AX-Evil%3A%201&file_path=C%3A%5Cinbox%5CGr%C3%B6%C3%9Fe');
		expect(header).not.toMatch(/[\r\n]/);
		expect(/^[\x21-\x7e]*$/.test(header)).toBe(true);
		const parsed = new URLSearchParams(header);
		expect(parsed.get('task_name')).toBe('a&b=c\r\nX-Evil: 1');
	});
});

describe('routes', () => {
	it('fills path parameters as single encoded segments', () => {
		expect(fillPath(ROUTES.classifyDocument.path, { documentId: 'abc', classifierName: 'mail/room' })).toBe(
			'/documents/abc/classify/mail%2Froom',
		);
		expect(() => fillPath(ROUTES.getDocument.path, {})).toThrow('Missing path parameter documentId');
	});

	it('marks every route that creates something as not idempotent', () => {
		const creators = ['createDocument', 'createTask', 'uploadProject', 'createClassifier', 'createExtractor'] as const;
		expect(creators.every((name) => !ROUTES[name].idempotent)).toBe(true);
		expect(ROUTES.readDocument.processing && ROUTES.extractDocument.processing).toBe(true);
	});
});
