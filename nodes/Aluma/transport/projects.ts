/**
 * Aluma's projects. Aluma's material names only "Upload Project"; listing, getting
 * and deleting are INFERRED (see routes.ts), and any place that asks for a project takes its ID.
 */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { BodyFactory } from './request';
import { alumaRequest } from './request';
import { ROUTES } from './routes';
import type { AlumaContext } from './tokenSession';

// Every operation asks for a project under the same label ("Project"), so the 404 text can name the
// parameter here.
export const projectNotFound = (projectId: string) => `No Aluma project has the ID "${projectId}" (parameter "Project")`;

/** An account without project listing answers 404 or 405: say so plainly, and how to give the ID. */
function projectListingUnavailable(node: INode, httpCode: string, itemIndex?: number): NodeApiError {
	const message = 'This Aluma account does not list projects';
	const error = new NodeApiError(node, { message, httpCode }, {
		message,
		httpCode,
		description:
			'Enter the project ID instead: choose "By ID" in the Project parameter. The ID is the last part of the project\'s address in the Aluma app, e.g. https://app.aluma.io/project/ZbfzIZorTFOV60GX58YUuQ',
		itemIndex,
	});
	error.message = message;
	return error;
}

export async function listProjects(ctx: AlumaContext, itemIndex?: number): Promise<IDataObject[]> {
	const { body } = await alumaRequest(ctx, { route: ROUTES.listProjects, what: 'list the projects', itemIndex }).catch((error: unknown) => {
		const status = error instanceof NodeApiError ? String(error.httpCode) : '';
		if (status === '404' || status === '405') throw projectListingUnavailable(ctx.getNode(), status, itemIndex);
		throw error;
	});
	const projects = (body as IDataObject | undefined)?.projects;
	return Array.isArray(projects) ? (projects as IDataObject[]) : [];
}

export async function getProject(ctx: AlumaContext, projectId: string, itemIndex?: number): Promise<IDataObject> {
	const { body } = await alumaRequest<IDataObject>(ctx, {
		route: ROUTES.getProject,
		params: { projectId },
		what: 'get the project',
		notFound: projectNotFound(projectId),
		itemIndex,
	});
	return body;
}

export async function uploadProject(
	ctx: AlumaContext,
	file: { body: BodyFactory; byteLength: number },
	itemIndex?: number,
): Promise<IDataObject> {
	const { body } = await alumaRequest<IDataObject>(ctx, {
		route: ROUTES.uploadProject,
		headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': file.byteLength },
		body: file.body,
		what: 'upload the project',
		itemIndex,
	});
	return body;
}

export async function deleteProject(ctx: AlumaContext, projectId: string, itemIndex?: number): Promise<void> {
	await alumaRequest(ctx, {
		route: ROUTES.deleteProject,
		params: { projectId },
		responseType: 'none',
		what: 'delete the project',
		notFound: projectNotFound(projectId),
		itemIndex,
	});
}
