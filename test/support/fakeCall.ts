/** Plain HTTP calls to the fake Aluma server, for the fake's own tests. */
import { http } from './node';

export interface Reply {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: Buffer;
	text: string;
	json<T>(): T;
}

export interface CallOptions {
	token?: string;
	headers?: Record<string, string>;
	body?: Buffer | string;
	agent?: InstanceType<typeof http.Agent>;
}

/** One HTTP request with node's http client (no connection reuse unless an agent is given). */
export function call(baseUrl: string, method: string, urlPath: string, options: CallOptions = {}): Promise<Reply> {
	const headers: Record<string, string> = { ...options.headers };
	if (options.token) headers.Authorization = `Bearer ${options.token}`;
	return new Promise((resolve, reject) => {
		const req = http.request(new URL(urlPath, baseUrl), { method, headers, agent: options.agent ?? false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('error', reject);
			res.on('end', () => {
				const body = Buffer.concat(chunks);
				const text = body.toString('utf8');
				resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text, json: <T>() => JSON.parse(text) as T });
			});
		});
		req.on('error', reject);
		req.end(options.body);
	});
}
