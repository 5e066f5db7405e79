/**
 * Numeric parameters given absurd values through expressions: empty, text, negative, zero,
 * fractional, beyond the timer limit, null, NaN, Infinity, 1e308, -0. Each value is refused for its
 * own item before any request, by a NodeOperationError that names the parameter, its bounds and
 * the value; nothing reaches Aluma. (Before the fix a "Check Every" of NaN or 9999999999 polled
 * Aluma in a tight loop that never ended.)
 */
import type { INodeParameters } from 'n8n-workflow';

import {
	apiRequest,
	classifyFile,
	expectEachItemRefused,
	expectNodeError,
	invoices,
	outcome,
	reliabilitySuite,
	valuePerItem,
} from '../support/reliability';
import type { HarnessInputItem } from '../support/reliability';

const { env, scenario, newStore, runAluma } = reliabilitySuite();

/** [expression literal, how the message shows it]. */
const HOSTILE: Array<[string, string]> = [
	['""', '""'],
	['"abc"', '"abc"'],
	['"12abc"', '"12abc"'],
	['-5', '-5'],
	['0', '0'],
	['-0', '-0'],
	['0.5', '0.5'],
	['9999999999', '9999999999'],
	['null', 'nothing'],
	['NaN', 'NaN'],
	['Infinity', 'Infinity'],
	['1e308', '1e+308'],
];

interface NumberCase {
	label: string;
	bounds: string;
	parameters: (value: string) => INodeParameters;
	/** Items to carry the values (default: plain JSON items). */
	item?: () => HarnessInputItem;
	/** Literals that are inside the bounds of this parameter (not sent: they would reach Aluma). */
	accepts?: string[];
}

const waitFor = (parameters: INodeParameters): INodeParameters => ({
	resource: 'task',
	operation: 'waitForTask',
	taskId: 'SWdh86taQhKwwpY0HUKD7Q',
	waitUntil: ['completed'],
	maxWait: 10,
	interval: 1,
	...parameters,
});
const invoice = () => invoices(1)[0];
const redactMarks = (mark: INodeParameters, extra: INodeParameters = {}): INodeParameters => ({
	resource: 'document',
	operation: 'redactFile',
	source: 'binary',
	binaryPropertyName: 'data',
	redactFrom: 'marks',
	marks: { mark: [{ top: 10, left: 10, bottom: 50, right: 60, pageNumber: 1, ...mark }] },
	...extra,
});
const WHOLE = (min: number, max: number) => `a whole number from ${min} to ${max}`;
const POINTS = 'a number from 0 to 14400';
const POINT_ACCEPTS = ['0', '-0', '0.5'];

const CASES: NumberCase[] = [
	{ label: 'Maximum Wait (Seconds)', bounds: WHOLE(1, 86400), parameters: (v) => waitFor({ maxWait: v }) },
	{ label: 'Check Every (Seconds)', bounds: WHOLE(1, 3600), parameters: (v) => waitFor({ interval: v }) },
	{ label: 'Timeout (Seconds)', bounds: WHOLE(1, 3600), parameters: (v) => classifyFile({ timeout: v }), item: invoice },
	{
		label: 'Timeout (Seconds)',
		bounds: WHOLE(1, 3600),
		parameters: (v) => ({ resource: 'document', operation: 'read', documentId: 'X9wK2AgWkk-m7e4f9oD5ew', readOutput: 'text', options: { timeout: v } }),
	},
	{ label: 'Limit', bounds: WHOLE(1, 10000), parameters: (v) => ({ resource: 'document', operation: 'getAll', returnAll: false, limit: v }) },
	{ label: 'Limit', bounds: WHOLE(1, 10000), parameters: (v) => ({ resource: 'task', operation: 'getAll', returnAll: false, limit: v, filters: {} }) },
	{ label: 'Limit', bounds: WHOLE(1, 10000), parameters: (v) => ({ resource: 'project', operation: 'getAll', returnAll: false, limit: v }) },
	{ label: 'Timeout (Seconds)', bounds: WHOLE(1, 3600), parameters: (v) => apiRequest({ path: '/classifiers', options: { timeout: v } }) },
	...(['top', 'left', 'bottom', 'right'] as const).map(
		(key): NumberCase => ({
			label: `Marks > Mark 1 > ${key[0].toUpperCase()}${key.slice(1)}`,
			bounds: POINTS,
			parameters: (v) => redactMarks({ [key]: v }),
			item: invoice,
			accepts: POINT_ACCEPTS,
		}),
	),
	{ label: 'Marks > Mark 1 > Page Number', bounds: WHOLE(1, 100000), parameters: (v) => redactMarks({ pageNumber: v }), item: invoice },
	{
		label: 'Bookmarks > Bookmark 1 > Page Number',
		bounds: WHOLE(1, 100000),
		parameters: (v) => ({
			...redactMarks({}, { operation: 'redact', documentId: 'X9wK2AgWkk-m7e4f9oD5ew' }),
			bookmarks: { bookmark: [{ text: 'Total', pageNumber: v }] },
		}),
	},
];

describe.each(CASES.map((c) => [`${c.label} (${String(c.parameters('').resource)} → ${String(c.parameters('').operation)})`, c] as const))(
	'%s',
	(title, c) => {
		it('every absurd value is refused for its own item, naming the parameter and the value; 0 requests', async () => {
			const values = HOSTILE.filter(([literal]) => !(c.accepts ?? []).includes(literal));
			const errors = await expectEachItemRefused(scenario(`number parameter ${title}`), {
				store: newStore(),
				parameters: c.parameters(valuePerItem(values.map(([literal]) => literal))),
				items: values.map(() => (c.item ? c.item() : { json: {} })),
				note: `${values.length} absurd values, one per item`,
			});

			expect(errors.map((json) => json.error)).toEqual(values.map(([, shownAs]) => `The parameter "${c.label}" must be ${c.bounds} (got ${shownAs})`));
		});
	},
);

describe('Concurrency (read once, from item 0)', () => {
	it.each(HOSTILE)('%s → the run stops before anything is uploaded, naming the parameter and item 0', async (literal, shownAs) => {
		const s = scenario(`Concurrency = ${literal}`);
		const result = await runAluma({ parameters: classifyFile({ concurrency: `={{ ${literal} }}` }), items: invoices(2) });
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		expectNodeError(result, {
			kind: 'operation',
			itemIndex: 0,
			message: new RegExp(`^The parameter "Concurrency" must be a whole number from 1 to 30 \\(got ${shownAs.replace(/[.+]/g, '\\$&')}\\)$`),
			fix: /Enter a whole number from 1 to 30/,
		});
		expect(m.requests).toBe(0);
		expect(m.secretHits).toBe(0);
	});
});

describe('Wait for Task', () => {
	it('"Check Every" longer than "Maximum Wait" → refused before the first check', async () => {
		const s = scenario('Wait for Task: Check Every > Maximum Wait');
		const result = await runAluma({ parameters: waitFor({ maxWait: 30, interval: 60 }) });
		const m = s.finish(outcome(result, 'refused before any request'), [result]);

		expectNodeError(result, {
			kind: 'operation',
			itemIndex: 0,
			message: /^The parameter "Check Every \(Seconds\)" \(60\) must not be more than "Maximum Wait \(Seconds\)" \(30\)$/,
			fix: /Lower "Check Every \(Seconds\)" or raise "Maximum Wait \(Seconds\)"/,
		});
		expect(m.requests).toBe(0);
	});

	it('item 0 waits normally, item 1 has "Check Every" = NaN → item 1 fails at once; only item 0 checked the task', async () => {
		const s = scenario('Wait for Task: sane item 0, NaN interval on item 1');
		const created = await runAluma({
			parameters: { resource: 'task', operation: 'create', project: { __rl: true, mode: 'id', value: 'invoices-project-seed1' }, binaryPropertyName: 'data', tags: {} },
			items: invoices(1),
		});
		const taskId = String(created.outputs[0]?.[0]?.json.id);
		env().fake.advanceTask(taskId, 'pending:start_client_action');
		const before = env().fake.stats().byRoute['GET /tasks/:id'] ?? 0;
		const started = Date.now();
		// Item 1 waits for a state the task never reaches: with a NaN interval the old code polled every millisecond.
		const result = await runAluma({
			parameters: waitFor({
				taskId,
				waitUntil: "={{ $itemIndex === 0 ? ['pending:start_client_action'] : ['completed'] }}",
				interval: '={{ $itemIndex === 0 ? 1 : NaN }}',
			}),
			items: [{ json: {} }, { json: {} }],
		});
		const m = s.finish(outcome(result, 'item 1 refused before its first check'), [created, result]);

		expectNodeError(result, { kind: 'operation', itemIndex: 1, message: /^The parameter "Check Every \(Seconds\)" must be a whole number from 1 to 3600 \(got NaN\)$/, fix: /whole number/ });
		expect((m.byRoute['GET /tasks/:id'] ?? 0) - before).toBe(1);
		expect(Date.now() - started).toBeLessThan(3000);
	});
});
