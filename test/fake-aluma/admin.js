// /__admin/* routes: the programmatic controls over HTTP, for tests that run the fake in another
// process (the e2e suite against a real n8n). No auth, not counted in stats or the request log.
'use strict';

const { isoNow, parseJson, sendJson } = require('./http');
const { route, matchRoute } = require('./router');

/**
 * @param {import('./index').FakeAluma} fake  the programmatic handle
 */
function adminRoutes(fake) {
	/** Runs an admin action that may throw on bad input, answering 400 with its message. */
	const guarded = (ctx, action) => {
		try {
			sendJson(ctx.res, 200, action());
		} catch (error) {
			sendJson(ctx.res, 400, { message: error.message });
		}
	};
	/** The JSON body, or undefined after answering 400. */
	const jsonBody = (ctx) => {
		const body = ctx.body.length ? parseJson(ctx.body) : undefined;
		if (body === undefined) sendJson(ctx.res, 400, { message: 'Send a JSON body.' });
		return body;
	};
	return [
		route('GET', '/__admin/stats', (ctx) => sendJson(ctx.res, 200, fake.stats())),
		route('GET', '/__admin/requests', (ctx) => sendJson(ctx.res, 200, { requests: fake.requests() })),
		route('POST', '/__admin/reset', (ctx) => {
			fake.reset();
			sendJson(ctx.res, 200, { reset: true });
		}),
		route('POST', '/__admin/revoke-tokens', (ctx) => sendJson(ctx.res, 200, { revoked: fake.revokeAllTokens() })),
		route('GET', '/__admin/faults', (ctx) => sendJson(ctx.res, 200, { faults: fake.faults() })),
		route('POST', '/__admin/faults', (ctx) => {
			const body = jsonBody(ctx);
			if (body === undefined) return;
			guarded(ctx, () => {
				for (const fault of Array.isArray(body) ? body : [body]) fake.injectFault(fault);
				return { faults: fake.faults() };
			});
		}),
		route('POST', '/__admin/config', (ctx) => {
			const body = jsonBody(ctx);
			if (body !== undefined) guarded(ctx, () => ({ config: fake.setConfig(body) }));
		}),
		route('POST', '/__admin/tasks/:id/advance', (ctx) => {
			const body = ctx.body.length ? parseJson(ctx.body) : {};
			if (body === undefined) return sendJson(ctx.res, 400, { message: 'Send a JSON body such as {"to":"completed"}, or none.' });
			guarded(ctx, () => fake.advanceTask(ctx.params.id, body?.to));
		}),
		route('GET', '/__admin/tasks/:id', (ctx) => guarded(ctx, () => fake.task(ctx.params.id))),
		route('GET', '/__admin/documents', (ctx) =>
			sendJson(ctx.res, 200, {
				documents: [...fake.state.documents.values()].map((d) => ({
					id: d.id,
					file_type: d.fileType,
					size: d.size,
					sha256: d.sha256,
					created_at: isoNow(d.createdAt),
					last_used_at: isoNow(d.lastUsedAt),
					read: d.readAt !== null,
				})),
			}),
		),
	];
}

/**
 * @param {import('./router').Route[]} routes
 * @param {import('./router').Context} ctx
 */
function handleAdmin(routes, ctx) {
	const { route: found, params, allowed } = matchRoute(routes, ctx.req.method ?? 'GET', ctx.path);
	if (!found) return sendJson(ctx.res, allowed.length ? 405 : 404, { message: `No admin route ${ctx.req.method} ${ctx.path}` });
	ctx.params = params;
	return found.handler(ctx);
}

module.exports = { adminRoutes, handleAdmin };
