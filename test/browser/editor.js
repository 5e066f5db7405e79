// Puppeteer helpers for n8n's editor (2.41): the selectors are n8n's own data-test-id attributes.
// Every wait is on a selector or a condition, bounded by a timeout, never a fixed sleep.
'use strict';

const WAIT_MS = 45_000;

/** A canvas node by its name. */
const canvasNode = (name) => `[data-test-id="canvas-node"][data-node-name="${name.replace(/"/g, '\\"')}"]`;

async function login(page, demo) {
	await page.goto(`${demo.url}/signin`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('#emailOrLdapLoginId', { timeout: WAIT_MS });
	await page.type('#emailOrLdapLoginId', demo.email);
	await page.type('#password', demo.password);
	await page.keyboard.press('Enter');
	await page.waitForFunction(() => !location.pathname.includes('signin'), { timeout: WAIT_MS });
}

/** Opens a workflow and waits until the canvas shows its nodes. */
async function openWorkflow(page, demo, id) {
	await page.goto(`${demo.url}/workflow/${id}`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector('[data-test-id="canvas-node"]', { timeout: WAIT_MS });
	// The canvas renders its nodes before the editor has finished loading node types; the zoom
	// controls come last.
	await page.waitForSelector('[data-test-id="zoom-to-fit"]', { timeout: WAIT_MS });
}

/** Names and types of the nodes on the canvas. */
async function canvasNodes(page) {
	return await page.$$eval('[data-test-id="canvas-node"]', (nodes) =>
		nodes.map((node) => ({ name: node.getAttribute('data-node-name'), type: node.getAttribute('data-node-type') })),
	);
}

/** Opens a node's panel (double-click on the canvas) and waits for its parameters. */
async function openNode(page, name) {
	await page.waitForSelector(canvasNode(name), { timeout: WAIT_MS });
	await page.click(canvasNode(name), { count: 2 });
	await page.waitForSelector('[data-test-id="ndv"] [data-test-id="node-parameters"]', { timeout: WAIT_MS });
}

async function closeNode(page) {
	await page.click('[data-test-id="ndv-close-button"]');
	await page.waitForSelector('[data-test-id="ndv"]', { hidden: true, timeout: WAIT_MS });
}

/** The visible text of every element matching `selector`, whitespace collapsed. */
async function texts(page, selector) {
	return await page.$$eval(selector, (elements) => elements.map((element) => element.innerText.replace(/\s+/g, ' ').trim()));
}

/**
 * Clicks `selector` until `expected` appears: a click that lands while the editor is still wiring up
 * its handlers does nothing, so one click alone is not a reliable signal.
 */
async function clickUntil(page, selector, expected, { tries = 10, each = 2_000 } = {}) {
	for (let attempt = 1; attempt <= tries; attempt++) {
		await page.waitForSelector(selector, { visible: true, timeout: WAIT_MS });
		await page.click(selector);
		const found = await page.waitForSelector(expected, { visible: true, timeout: each }).catch(() => null);
		if (found) return found;
	}
	throw new Error(`${expected} did not appear after ${tries} clicks on ${selector}`);
}

/** Opens the resource locator at `index` in the open node panel and returns the items it lists. */
async function pickerItems(page, index = 0) {
	const inputs = await page.$$('[data-test-id="ndv"] [data-test-id="rlc-input"]');
	if (!inputs[index]) throw new Error(`the panel has ${inputs.length} resource locator(s), not ${index + 1}`);
	await inputs[index].click();
	await page.waitForSelector('[data-test-id="rlc-item"]', { visible: true, timeout: WAIT_MS });
	return await texts(page, '[data-test-id="rlc-item"]');
}

/** Waits until `selector`'s text matches `pattern`; returns that text. */
async function waitForText(page, selector, pattern, timeout = WAIT_MS) {
	const handle = await page.waitForFunction(
		(sel, source, flags) => {
			const text = [...document.querySelectorAll(sel)].map((element) => element.innerText).join('\n');
			return new RegExp(source, flags).test(text) ? text : false;
		},
		{ timeout },
		selector,
		pattern.source,
		pattern.flags,
	);
	return await handle.jsonValue();
}

/** n8n's REST API from the logged-in page (the session cookie and the browser id the editor sends). */
async function rest(page, method, endpoint, body) {
	return await page.evaluate(
		async (method, endpoint, body) => {
			const response = await fetch(`/rest${endpoint}`, {
				method,
				credentials: 'include',
				headers: { 'content-type': 'application/json', 'browser-id': localStorage.getItem('n8n-browserId') ?? '' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			return { status: response.status, body: await response.json().catch(() => null) };
		},
		method,
		endpoint,
		body,
	);
}

module.exports = { WAIT_MS, canvasNode, canvasNodes, clickUntil, closeNode, login, openNode, openWorkflow, pickerItems, rest, texts, waitForText };
