// The Aluma API credential used from OUTSIDE the Aluma node: n8n's own HTTP Request node with the
// predefined credential type "Aluma API", in every node version this n8n offers that has it (v2,
// v3, v4.x; v1 has no predefined credentials), pointed at another host. n8n reaches the credential's
// authenticate() through its older request path (`uri`, `url` undefined): the token must still go
// only to the credential's host. Another host here is a recorder on 127.0.0.1 (another port, so
// another origin), and `localhost` on the fake's own port (same server, another origin).
'use strict';

const http = require('node:http');
const { graph } = require('../lib/workflows');

const CRED = 'e2eCredHostLock01';
const WF = 'e2eHostLock01';

/** "Another host": answers 200 to everything and records the Authorization header it was sent. */
async function startRecorder() {
	const seen = [];
	const server = http.createServer((req, res) => {
		seen.push({ method: req.method, url: req.url, authorization: req.headers.authorization ?? null });
		req.resume();
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end('{"elsewhere":true}');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

function httpRequestNode(version, name, url, extra = {}) {
	const parameters =
		version === 2
			? { requestMethod: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: 'alumaApi', responseFormat: 'json', options: {} }
			: { method: 'GET', url, authentication: 'predefinedCredentialType', nodeCredentialType: 'alumaApi', options: {}, ...extra };
	return {
		name,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: version,
		parameters,
		credentials: { alumaApi: { id: CRED, name: CRED } },
		// Each node's outcome is kept (as an error item) and the run goes on to the next version.
		onError: 'continueRegularOutput',
	};
}

module.exports = {
	title: "HTTP Request node with the Aluma credential: the token never reaches another host (every version that offers it)",
	credentials: [{ id: CRED }],
	workflows: [],
	async run(t) {
		const recorder = await startRecorder();
		try {
			const versions = t.n8nMajor >= 2 ? [2, 3, 4, 4.1, 4.2, 4.3, 4.4, 4.5] : [2, 3, 4, 4.1, 4.2, 4.3];
			const fakePort = new URL(t.fake.url).port;
			const attacks = versions.flatMap((version) => [
				httpRequestNode(version, `v${version} other port`, `${recorder.url}/steal?v=${version}`),
				httpRequestNode(version, `v${version} other name`, `http://localhost:${fakePort}/classifiers?v=${version}`),
			]);
			const newest = versions[versions.length - 1];
			// The same request with pagination on: n8n sends it through its paginated request helper.
			attacks.push(
				httpRequestNode(newest, `v${newest} paginated`, `${recorder.url}/steal?paginated=1`, {
					options: {
						pagination: {
							pagination: { paginationMode: 'responseContainsNextURL', nextURL: '={{ $response.body.next }}', paginationCompleteWhen: 'other', completeExpression: '={{ true }}' },
						},
					},
				}),
			);
			// The Aluma host itself redirects elsewhere: n8n follows the redirect, and must drop the token.
			attacks.push(httpRequestNode(newest, `v${newest} redirected`, `${t.fake.url}/bounce`));
			await t.fake.injectFaults({ kind: 'redirect', path: '^/bounce$', status: 302, location: `${recorder.url}/steal?redirected=1` });
			// Control: the credential still works from the HTTP Request node for its own host.
			const control = httpRequestNode(newest, 'Aluma host', `${t.fake.url}/classifiers`);
			const nodes = [...attacks, control];
			const names = ['Start', ...nodes.map((node) => node.name)];
			await t.n8n.importWorkflows([graph({ id: WF, name: 'host lock', nodes, edges: names.slice(1).map((to, index) => [names[index], to]) })]);

			const execution = await t.execute(WF);
			t.assert.equal(execution.status, 'success', execution.describe());

			// 1. Nothing carrying a token reached another host, by any version or path.
			const withToken = recorder.seen.filter((request) => request.authorization);
			t.assert.equal(withToken.length, 0, `requests with an Authorization header at the other host: ${JSON.stringify(withToken.map((r) => r.url))}`);
			// Refused before sending; only n8n's own follow of Aluma's redirect arrives, and without the token.
			t.assert.deepEqual(recorder.seen.map((r) => r.url), ['/steal?redirected=1'], 'what the other host received');
			const log = await t.fake.requests();
			const viaLocalhost = log.filter((request) => /[?&]v=/.test(request.path) || request.query?.v !== undefined);
			t.assert.equal(viaLocalhost.length, 0, `requests via http://localhost:${fakePort}: ${viaLocalhost.length}`);

			// 2. Each refused request is an error that says why, on its node.
			for (const node of attacks.filter((candidate) => !candidate.name.endsWith('redirected'))) {
				const [item] = execution.items(node.name);
				const text = JSON.stringify(item ?? execution.nodeError(node.name) ?? {});
				t.assert.match(text, /sends its access token only to 127\.0\.0\.1:\d+, and this request goes to (127\.0\.0\.1|localhost):\d+/, `${node.name}: ${t.mask(text).slice(0, 300)}`);
			}

			// 3. The control got Aluma's answer, with the token.
			const [answer] = execution.items('Aluma host');
			t.assert.equal(answer?.classifiers?.[0]?.name, 'mailroom', `control: ${t.mask(JSON.stringify(answer)).slice(0, 200)}`);
			const gets = log.filter((request) => request.route === 'GET /classifiers');
			t.assert.deepEqual(gets.map((request) => request.status), [200], 'the control reached Aluma once');
			t.assert.ok(gets[0].tokenId?.startsWith('tok-'), 'with a token Aluma issued');
			const stats = await t.fake.stats();
			t.note(`${attacks.length} attacks over versions ${versions.join(', ')}: 0 requests with a token at the other host (1 without: the followed redirect), 0 via localhost; token exchanges ${stats.tokenExchanges}`);
		} finally {
			await recorder.close();
		}
	},
};
