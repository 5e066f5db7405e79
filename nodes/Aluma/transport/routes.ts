/**
 * Every Aluma API path the package uses, in one table. `source` says how sure we are of it
 * (see the README section "Unconfirmed API paths"): DOC = Aluma's docs, CLIENT = Aluma's older
 * official clients, INFERRED = our guess. Correcting a path is a one-line change here.
 *
 * `idempotent` says whether a request may be resent after an ambiguous failure (a reset
 * connection or a gateway error): resending a non-idempotent one could create a duplicate.
 */
import type { IHttpRequestMethods } from 'n8n-workflow';

import { TOKEN_PATH } from '../../../shared/tokenExchange';

export type RouteSource = 'DOC' | 'CLIENT' | 'INFERRED';

export interface Route {
	method: IHttpRequestMethods;
	path: string;
	source: RouteSource;
	idempotent: boolean;
	/** Slow server-side work (OCR, classification, extraction, redaction): gets the long timeout. */
	processing?: boolean;
	/**
	 * When the user stops the execution: 'send' = clean-up, sent even after the stop (freeing a
	 * document slot, handing a task back); 'finish' = not started after the stop, but never cut off
	 * once sent, so the node learns what Aluma created and can undo it. Others are aborted.
	 */
	afterStop?: 'send' | 'finish';
}

const route = (
	method: IHttpRequestMethods,
	path: string,
	source: RouteSource,
	idempotent: boolean,
	processing = false,
	afterStop?: Route['afterStop'],
): Route => ({ method, path, source, idempotent, processing, ...(afterStop ? { afterStop } : {}) });

export const ROUTES = {
	token: route('POST', TOKEN_PATH, 'DOC', true),

	listDocuments: route('GET', '/documents', 'CLIENT', true),
	createDocument: route('POST', '/documents', 'DOC', false, false, 'finish'),
	getDocument: route('GET', '/documents/{documentId}', 'CLIENT', true),
	deleteDocument: route('DELETE', '/documents/{documentId}', 'CLIENT', true, false, 'send'),
	readDocument: route('PUT', '/documents/{documentId}/reads', 'CLIENT', true, true),
	getReadResult: route('GET', '/documents/{documentId}/reads', 'CLIENT', true, true),
	classifyDocument: route('POST', '/documents/{documentId}/classify/{classifierName}', 'CLIENT', true, true),
	extractDocument: route('POST', '/documents/{documentId}/extract/{extractorName}', 'CLIENT', true, true),
	redactDocument: route('POST', '/documents/{documentId}/redact', 'CLIENT', true, true),
	// The Suggestions API ("Aluma API only") is documented without its paths; these follow the
	// snake_case nouns of the other document sub-resources. Storing a result teaches Aluma, so it is
	// never resent after an ambiguous failure.
	generateSuggestions: route('POST', '/documents/{documentId}/suggestions', 'INFERRED', true, true),
	storeSuggestionResults: route('POST', '/documents/{documentId}/suggestion_results', 'INFERRED', false),

	listClassifiers: route('GET', '/classifiers', 'CLIENT', true),
	getClassifier: route('GET', '/classifiers/{classifierName}', 'CLIENT', true),
	createClassifier: route('POST', '/classifiers/{classifierName}', 'CLIENT', false),
	addClassifierSamples: route('POST', '/classifiers/{classifierName}/samples', 'CLIENT', false, true),
	addClassifierSample: route('POST', '/classifiers/{classifierName}/sample/{documentType}', 'CLIENT', false),
	deleteClassifier: route('DELETE', '/classifiers/{classifierName}', 'CLIENT', true),

	listExtractors: route('GET', '/extractors', 'CLIENT', true),
	getExtractor: route('GET', '/extractors/{extractorName}', 'CLIENT', true),
	createExtractor: route('POST', '/extractors/{extractorName}', 'CLIENT', false),
	deleteExtractor: route('DELETE', '/extractors/{extractorName}', 'CLIENT', true),
	listModules: route('GET', '/modules', 'CLIENT', true),

	listProjects: route('GET', '/projects', 'INFERRED', true),
	getProject: route('GET', '/projects/{projectId}', 'INFERRED', true),
	uploadProject: route('POST', '/projects', 'INFERRED', false),
	deleteProject: route('DELETE', '/projects/{projectId}', 'INFERRED', true),

	createTask: route('POST', '/tasks', 'DOC', false, false, 'finish'),
	listTasks: route('GET', '/tasks', 'DOC', true),
	getTask: route('GET', '/tasks/{taskId}', 'INFERRED', true),
	startClientAction: route('POST', '/tasks/{taskId}/client_actions/{action}/start', 'INFERRED', false, false, 'finish'),
	completeClientAction: route('POST', '/tasks/{taskId}/client_actions/{action}/complete', 'INFERRED', false),
	cancelClientAction: route('POST', '/tasks/{taskId}/client_actions/{action}/cancel', 'INFERRED', false, false, 'send'),
	failClientAction: route('POST', '/tasks/{taskId}/client_actions/{action}/fail', 'INFERRED', false),
} as const satisfies Record<string, Route>;

export type RouteName = keyof typeof ROUTES;

/** Aluma media types chosen with Accept or Content-Type. */
export const MEDIA_TYPES = {
	json: 'application/json',
	extractData: 'application/vnd.waives.resultformats.extractdata+json',
	redactRequest: 'application/vnd.waives.requestformats.redact+json',
	readZip: 'application/vnd.waives.resultformats.read+zip',
	classifierZip: 'application/vnd.waives.classifier+zip',
	pdf: 'application/pdf',
	text: 'text/plain',
	zip: 'application/zip',
} as const;
