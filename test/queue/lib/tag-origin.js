// Preloaded (NODE_OPTIONS=--require) into each n8n process the queue-mode tests start: every HTTP
// request the process sends carries `X-Test-Origin: <ALUMA_TEST_ORIGIN>`, so the fake Aluma can
// tell which process (main, worker-1, worker-2) exchanged a token or created a document. It changes
// nothing else; the package under test does not know about it.
'use strict';

const http = require('node:http');

const origin = process.env.ALUMA_TEST_ORIGIN;
if (origin) {
	const request = http.request;
	http.request = function taggedRequest(...args) {
		const req = request.apply(this, args);
		if (!req.headersSent) req.setHeader('x-test-origin', origin);
		return req;
	};
}
