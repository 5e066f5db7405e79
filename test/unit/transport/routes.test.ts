/**
 * The README's "Unconfirmed API paths" section lists exactly the INFERRED routes of routes.ts,
 * so a path added, corrected or confirmed cannot leave the list stale.
 */
import { ROUTES } from '../../../nodes/Aluma/transport/routes';
import { FIXTURES_DIR } from '../../fake-aluma/paths';
import { fs, path } from '../../support/node';

const README = fs.readFileSync(path.join(FIXTURES_DIR, '..', '..', 'README.md'), 'utf8');

/** `METHOD /path` with every placeholder written `{}`, so `{id}` and `{taskId}` compare equal. */
const normal = (method: string, route: string) => `${method} ${route.replace(/\{\w+\}/g, '{}')}`;

function unconfirmedInReadme(): string[] {
	const section = /^## Unconfirmed API paths\n([\s\S]*?)^## /m.exec(README)?.[1] ?? '';
	const listed = [...section.matchAll(/`(GET|POST|PUT|DELETE) ([^`\s]+)`/g)];
	// "…/start|complete|cancel|fail" stands for one path per last segment.
	return listed.flatMap(([, method, route]) => {
		const [, stem, ends] = /^(.*\/)([^/]+)$/.exec(route) ?? [];
		return ends.split('|').map((end) => normal(method, `${stem}${end}`));
	});
}

describe('routes', () => {
	it('lists every INFERRED route in the README, and nothing else', () => {
		const inferred = Object.values(ROUTES)
			.filter((route) => route.source === 'INFERRED')
			.map((route) => normal(route.method, route.path));

		expect(unconfirmedInReadme().sort()).toEqual([...new Set(inferred)].sort());
		expect(inferred).toEqual(expect.arrayContaining(['POST /documents/{}/suggestions', 'POST /documents/{}/suggestion_results']));
	});
});
