/** The typed map resource → operation → implementation that the router dispatches on. */
import * as apiRequest from './apiRequest';
import * as classifier from './classifier';
import * as document from './document';
import * as exportActions from './export';
import * as extractor from './extractor';
import * as alumaModule from './module';
import * as project from './project';
import * as task from './task';
import type { AlumaOperation } from './operation';

export const resources = {
	classifier: {
		addSample: classifier.addSample,
		create: classifier.create,
		deleteClassifier: classifier.deleteClassifier,
		get: classifier.get,
		getAll: classifier.getAll,
		train: classifier.train,
		upload: classifier.upload,
	},
	extractor: {
		create: extractor.create,
		createFromFile: extractor.createFromFile,
		deleteExtractor: extractor.deleteExtractor,
		get: extractor.get,
		getAll: extractor.getAll,
	},
	module: { getAll: alumaModule.getAll },
	project: { deleteProject: project.deleteProject, get: project.get, getAll: project.getAll, upload: project.upload },
	task: { create: task.create, get: task.get, getAll: task.getAll, waitForTask: task.waitForTask },
	export: {
		cancel: exportActions.cancel,
		complete: exportActions.complete,
		exportTask: exportActions.exportTask,
		fail: exportActions.fail,
		start: exportActions.start,
	},
	apiRequest: { send: apiRequest.send },
	document: {
		classify: document.classify,
		classifyAndExtract: document.classifyAndExtract,
		classifyFile: document.classifyFile,
		create: document.create,
		deleteDocument: document.deleteDocument,
		extract: document.extract,
		extractFromFile: document.extractFromFile,
		generateSuggestions: document.generateSuggestions,
		get: document.get,
		getAll: document.getAll,
		importFromUrl: document.importFromUrl,
		read: document.read,
		readFile: document.readFile,
		redact: document.redact,
		redactFile: document.redactFile,
		storeSuggestionResult: document.storeSuggestionResult,
		suggestFileNameAndFolder: document.suggestFileNameAndFolder,
	},
} satisfies Record<string, Record<string, AlumaOperation>>;

export type AlumaResource = keyof typeof resources;

export function operationFor(resource: string, operation: string): AlumaOperation | undefined {
	if (!Object.prototype.hasOwnProperty.call(resources, resource)) return undefined;
	const operations = resources[resource as AlumaResource] as Record<string, AlumaOperation>;
	return Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
}
