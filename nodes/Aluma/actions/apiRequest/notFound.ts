/** What a 404 from API Request means: a path Aluma does not have, or an ID or name it does not know. */
import { NodeApiError } from 'n8n-workflow';

import { adviceForStatus } from '../../transport/errors';
import { ROUTES } from '../../transport/routes';

const TEMPLATES = [...new Set(Object.values(ROUTES).map((route) => route.path))].map((path) => path.split('/').filter(Boolean));

const WHAT_IS_MISSING: Record<string, string> = {
	documents: 'the document may have been deleted (Aluma deletes a document 10 minutes after its last use) or the ID is wrong',
	classifiers: 'no classifier has that name (Classifier → Get Many lists them)',
	extractors: 'no extractor has that name (Extractor → Get Many lists them)',
	tasks: 'no task has that ID (Task → Get Many lists them)',
	projects: 'no project has that ID (Project → Get Many lists them)',
};

/** Whether the path (without its query) has the shape of a path the node knows, any ID in an ID's place. */
function knownShape(segments: string[]): boolean {
	return TEMPLATES.some(
		(template) => template.length === segments.length && template.every((part, index) => part.startsWith('{') || part === segments[index]),
	);
}

/** The hint for a 404 answer to `method path`, fitting that request. */
export function notFoundHint(method: string, path: string): string {
	const segments = path.split(/[?#]/)[0].split('/').filter(Boolean);
	if (!knownShape(segments)) {
		return `Aluma has nothing at ${method} /${segments.join('/')}: check the path against Aluma's API reference (e.g. /documents, /classifiers, /extractors, /tasks, /projects)`;
	}
	const missing = WHAT_IS_MISSING[segments[0]] ?? 'an ID or name in the path is not known to Aluma';
	return `The path is one Aluma has, but ${missing}. Check the ID or name in the path`;
}

/** Gives a 404 from API Request (`what` as it was sent) the hint that fits its path instead of the generic one; Aluma's own words stay. */
export function withNotFoundHint(error: unknown, method: string, path: string, what: string): unknown {
	if (!(error instanceof NodeApiError) || error.httpCode !== '404') return error;
	const generic = adviceForStatus(404, what).description;
	const hint = notFoundHint(method, path);
	error.description = error.description?.includes(generic) ? error.description.replace(generic, hint) : hint;
	return error;
}
