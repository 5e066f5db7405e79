#!/usr/bin/env node
// Browser suite: the demo (`npm start`: real n8n 2.41.1, the packed package, the fake Aluma) driven
// in Debian's Chromium through puppeteer-core, as a user clicks through it.
//
//   npm run test:browser
//   BROWSER_SCREENSHOTS=docs/images npm run test:browser   # also refresh the README's pictures
//   BROWSER_ONLY=<regex>                                    # only the cases whose title matches
//   BROWSER_KEEP=1                                          # keep the temp folder (demo data, logs)
//   SUITE_RESULT_FILE=x.json                                # also write {"passed":N,"failed":M}
//   CHROMIUM=/usr/bin/chromium                              # the browser (apt-get install chromium)
//
// A throwaway demo (scripts/start.sh with ALUMA_DEMO_DIR in a temp folder and a free N8N_PORT), one
// headless Chromium with an empty profile, then the cases in order; each is one counted result and
// a failure leaves a screenshot whose path is printed. Screenshots are kept in the temp folder's
// screenshots/ (printed at the end). The last line is exactly "N passed, M failed".
'use strict';

const childProcess = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const editor = require('./editor');

process.env.PUPPETEER_SKIP_DOWNLOAD = '1';
const puppeteer = require('puppeteer-core');

const REPO = path.resolve(__dirname, '..', '..');
const PACKAGE = require(path.join(REPO, 'package.json')).name;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ONLY = process.env.BROWSER_ONLY ? new RegExp(process.env.BROWSER_ONLY, 'i') : null;
const DEMO_START_MS = 15 * 60_000; // a first run installs n8n (scripts/real-n8n-setup.sh)
const CASE_MS = 180_000;
// README pictures: file name → the screenshot a case takes
const README_PICTURES = ['node-panel.png', 'picker.png', 'output.png', 'export-loop.png'];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'aluma-browser-'));
const shots = path.join(work, 'screenshots');
fs.mkdirSync(shots);
const say = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

function tail(file, lines = 30) {
	try {
		return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return `(no ${file})`;
	}
}

// ---- the demo --------------------------------------------------------------------------------

async function startDemo() {
	const readyFile = path.join(work, 'ready.json');
	const log = path.join(work, 'start.log');
	const out = fs.openSync(log, 'a');
	const child = childProcess.spawn('bash', [path.join(REPO, 'scripts/start.sh')], {
		cwd: REPO,
		env: {
			...process.env,
			N8N_VERSION: '2.41.1',
			N8N_PORT: String(await freePort()),
			ALUMA_DEMO_DIR: path.join(work, 'demo'),
			ALUMA_DEMO_READY_FILE: readyFile,
			ALUMA_DEMO_PASSWORD: 'Browser-suite-2026',
		},
		stdio: ['ignore', out, out],
	});
	let exited = null;
	child.on('exit', (code, signal) => (exited = signal || code));
	const deadline = Date.now() + DEMO_START_MS;
	while (!fs.existsSync(readyFile)) {
		if (exited !== null) throw new Error(`scripts/start.sh exited (${exited}) before the demo was ready:\n${tail(log)}`);
		if (Date.now() > deadline) throw new Error(`the demo was not ready within ${seconds(DEMO_START_MS)}:\n${tail(log)}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const demo = JSON.parse(fs.readFileSync(readyFile, 'utf8'));
	demo.stop = async () => {
		if (exited !== null) return;
		const gone = new Promise((resolve) => child.once('exit', resolve));
		child.kill('SIGTERM'); // start.sh's trap stops n8n and the fake server, then exits
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		await gone;
		clearTimeout(timer);
	};
	demo.log = log;
	return demo;
}

/** Debian's Chromium, installed with apt-get when missing (CI runs as root). */
function ensureChromium() {
	if (fs.existsSync(CHROMIUM) || process.env.CHROMIUM) return;
	say('installing Debian\'s chromium (apt-get)');
	const apt = (args) => childProcess.execFileSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	apt(['update']);
	apt(['install', '-y', '--no-install-recommends', 'chromium']);
}

async function launchBrowser() {
	ensureChromium();
	if (!fs.existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)`);
	return await puppeteer.launch({
		executablePath: CHROMIUM,
		headless: true,
		defaultViewport: { width: 1440, height: 900 },
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			`--user-data-dir=${fs.mkdtempSync(path.join(work, 'chromium-'))}`,
		],
	});
}

// ---- what the page reports ---------------------------------------------------------------------

/** Console errors, page errors, failed requests and HTTP errors, with where they came from. */
function watch(page, seen) {
	// n8n asks before leaving a workflow with unsaved changes; the suite leaves without saving
	page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
	page.on('console', (message) => {
		if (message.type() === 'error') seen.problems.push({ kind: 'console', text: message.text(), url: message.location()?.url ?? '' });
	});
	page.on('pageerror', (error) => seen.problems.push({ kind: 'exception', text: String(error?.stack ?? error), url: '' }));
	page.on('requestfailed', (request) =>
		seen.problems.push({ kind: 'request failed', text: request.failure()?.errorText ?? '', url: request.url() }),
	);
	page.on('response', (response) => {
		const url = response.url();
		if (url.includes('/schemas/')) seen.schemaAnswers.push({ url, status: response.status() });
		if (response.status() >= 400) seen.problems.push({ kind: `HTTP ${response.status()}`, text: '', url });
	});
}

/**
 * Whether a problem comes from this package: its files (icons, schemas…), its node or credential
 * names, or its code. The editor's look-up of the package on the public npm registry is n8n's own
 * (it fails here because only the registry's install route is reachable) and is reported apart.
 */
const fromRegistryLookup = (problem) => /^https:\/\/registry\.npmjs\.org\//.test(problem.url);
const fromPackage = (problem) => !fromRegistryLookup(problem) && /aluma/i.test(`${problem.text} ${problem.url}`);

// ---- cases -------------------------------------------------------------------------------------

const results = [];

async function runCaseIn(session, title, body, { always = false } = {}) {
	if (ONLY && !always && !ONLY.test(title)) return;
	const { page } = session;
	const started = Date.now();
	let timer;
	try {
		await Promise.race([
			body(),
			new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${seconds(CASE_MS)}`)), CASE_MS))),
		]);
		results.push({ title, ok: true });
		say(`  ok    ${title} (${seconds(Date.now() - started)})`);
	} catch (error) {
		const shot = path.join(shots, `FAILED-${results.length + 1}.png`);
		await page.screenshot({ path: shot }).catch(() => {});
		results.push({ title, ok: false });
		say(`  FAIL  ${title} (${seconds(Date.now() - started)})`);
		say(`        ${String(error?.message ?? error).split('\n').join('\n        ')}`);
		say(`        screenshot: ${shot}`);
		// A renderer that crashed or a page that lost its frame is replaced, so later cases still run.
		if (page.isClosed() || /detached|Target closed|crash/i.test(String(error?.message))) await session.renew();
	} finally {
		clearTimeout(timer);
	}
}

function expect(condition, message) {
	if (!condition) throw new Error(message);
}

async function screenshot(page, name, element) {
	const file = path.join(shots, name);
	if (element) await element.screenshot({ path: file });
	else await page.screenshot({ path: file });
	return file;
}

/** The action of every operation and the name of every trigger event, from the built package. */
function describedActions() {
	const { Aluma } = require(path.join(REPO, 'dist/nodes/Aluma/Aluma.node.js'));
	const { AlumaTrigger } = require(path.join(REPO, 'dist/nodes/AlumaTrigger/AlumaTrigger.node.js'));
	const actions = new Aluma().description.properties
		.filter((property) => property.name === 'operation')
		.flatMap((property) => property.options.map((option) => option.action));
	const trigger = new AlumaTrigger().description.properties;
	const events = trigger.find((property) => property.name === 'event').options.map((option) => option.name);
	const emitExisting = trigger.find((property) => property.name === 'emitExisting').displayName;
	// the Wait Until choices of the node's newest version (a new node gets that version)
	const waitUntil = new Aluma().description.properties.filter((property) => property.name === 'waitUntil').at(-1);
	const waitTargets = waitUntil.options.map((option) => option.name);
	return { actions: [...new Set(actions)], events, emitExisting, waitTargets };
}

/** The newest version of a node of the package: what a node added in the editor gets. */
function newestVersion(file, name) {
	const { version } = new (require(path.join(REPO, file))[name])().description;
	return Math.max(...[version].flat());
}

/**
 * A workflow of its own for a case (a manual trigger, then `nodes`, each an Aluma node of the newest
 * version unless it says otherwise), added through n8n's REST API and opened; nothing is shared with
 * another case.
 */
async function openNewWorkflow(page, demo, name, nodes, connections = {}) {
	const version = newestVersion('dist/nodes/Aluma/Aluma.node.js', 'Aluma');
	const workflow = {
		name: `Browser suite: ${name}`,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'c0000001-0000-4000-8000-000000000000', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			...nodes.map((node, index) => ({
				id: `c0000001-0000-4000-8000-00000000000${index + 1}`,
				type: `${PACKAGE}.aluma`,
				typeVersion: version,
				position: [220 * (index + 1), 0],
				credentials: { alumaApi: demo.credential },
				...node,
			})),
		],
		connections: nodes.length && !Object.keys(connections).length ? { Start: { main: [[{ node: nodes[0].name, type: 'main', index: 0 }]] } } : connections,
	};
	const created = await editor.rest(page, 'POST', '/workflows', workflow);
	expect(created.status === 200 && created.body?.data?.id, `n8n refused the workflow "${name}": HTTP ${created.status}`);
	await editor.openWorkflow(page, demo, created.body.data.id);
}

/**
 * Clicks (with the mouse, where a user would) the innermost visible element under `scope` whose text
 * is `label` (a button n8n gives no test id), until `expected` (a selector, or a text on the page) appears.
 */
async function clickText(page, scope, label, expected, { tries = 10, each = 2_000 } = {}) {
	for (let attempt = 1; attempt <= tries; attempt++) {
		const handle = await page.waitForFunction(
			(scope, label) =>
				[...document.querySelectorAll(`${scope} *`)]
					// a select's label is its input's placeholder
					.filter((element) => element.offsetParent !== null && (element.innerText?.trim() === label || element.getAttribute('placeholder') === label))
					.at(-1) ?? false,
			{ timeout: editor.WAIT_MS },
			scope,
			label,
		);
		await handle.asElement().click();
		const found =
			expected instanceof RegExp
				? await editor.waitForText(page, 'body', expected, each).catch(() => null)
				: await page.waitForSelector(expected, { visible: true, timeout: each }).catch(() => null);
		if (found) return found;
	}
	throw new Error(`${expected} did not appear after ${tries} clicks on "${label}"`);
}

/** Whether the boolean parameter `name` in the open panel is switched on. */
const switchedOn = async (page, name) =>
	await page.$eval(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"]`, (element) =>
		Boolean(element.querySelector('.is-checked, [aria-checked="true"], input:checked')),
	);

const alumaNodes = (nodes) => nodes.filter((node) => node.type.startsWith(`${PACKAGE}.`));
const workflowId = (demo, pattern) => {
	const found = demo.workflows.find((workflow) => pattern.test(workflow.name));
	if (!found) throw new Error(`no demo workflow named like ${pattern}: ${demo.workflows.map((w) => w.name).join(', ')}`);
	return found.id;
};

/** A workflow the suite adds through n8n's REST API: one Aluma task created from the demo invoice. */
const taskMakerWorkflow = (demo) => ({
	name: 'Browser suite: create a task',
	settings: { executionOrder: 'v1' },
	nodes: [
		{ id: 'b0000001-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: 'b0000001-0000-4000-8000-000000000002',
			name: 'Read Invoice',
			type: 'n8n-nodes-base.readWriteFile',
			typeVersion: 1,
			position: [220, 0],
			parameters: { operation: 'read', fileSelector: path.join(demo.filesDir, 'invoice.pdf'), options: {} },
		},
		{
			id: 'b0000001-0000-4000-8000-000000000003',
			name: 'Create Task',
			type: `${PACKAGE}.aluma`,
			typeVersion: 1,
			position: [440, 0],
			parameters: { resource: 'task', operation: 'create', project: { __rl: true, mode: 'id', value: 'invoices-project-seed1' } },
			credentials: { alumaApi: demo.credential },
		},
	],
	connections: {
		Start: { main: [[{ node: 'Read Invoice', type: 'main', index: 0 }]] },
		'Read Invoice': { main: [[{ node: 'Create Task', type: 'main', index: 0 }]] },
	},
});

async function cases(session, demo, seen) {
	const runCase = (title, body, options) => runCaseIn(session, title, body, options);
	// the page in use: a crashed one is replaced by session.renew()
	const pageProxy = new Proxy({}, { get: (_, key) => (typeof session.page[key] === 'function' ? session.page[key].bind(session.page) : session.page[key]) });
	const page = pageProxy;
	await runCase(
		'logs in as the demo owner',
		async () => {
			await editor.login(session.page, demo);
			session.loggedIn = true;
		},
		{ always: true },
	);

	for (const workflow of demo.workflows) {
		await runCase(`"${workflow.name}" opens with no parameter issue on any node`, async () => {
			await editor.openWorkflow(page, demo, workflow.id);
			const nodes = await editor.canvasNodes(page);
			const flagged = await page.$$eval('[data-test-id="canvas-node"]', (elements) =>
				elements
					.filter((element) => element.querySelector('[data-test-id="node-issues"], [data-test-id="node-setup-required"]'))
					.map((element) => element.getAttribute('data-node-name')),
			);
			expect(flagged.length === 0, `the canvas flags issues on: ${flagged.join(', ')}`);
			const ours = alumaNodes(nodes);
			expect(ours.length > 0, 'no Aluma node on the canvas');
			for (const node of ours) {
				await editor.openNode(page, node.name);
				const issues = await editor.texts(page, '[data-test-id="ndv"] [data-test-id="parameter-issues"]');
				if (/mail room/i.test(workflow.name)) await screenshot(page, 'node-panel.png');
				await editor.closeNode(page);
				expect(issues.length === 0, `"${node.name}" shows ${issues.length} parameter issue(s)`);
			}
			if (/export loop/i.test(workflow.name)) {
				await page.click('[data-test-id="zoom-to-fit"]');
				await screenshot(page, 'export-loop.png');
			}
		});
	}

	await runCase('the node creator finds Aluma, its actions and its triggers', async () => {
		await editor.openWorkflow(page, demo, workflowId(demo, /extract an invoice/i));
		await editor.clickUntil(page, '[data-test-id="node-creator-plus-button"]', '[data-test-id="node-creator-search-bar"]');
		await page.type('[data-test-id="node-creator-search-bar"]', 'Aluma');
		await editor.waitForText(page, '[data-test-id="item-iterator-item"]', /Aluma/);
		await page.click('[data-test-id="item-iterator-item"]');
		// Every operation's action and every trigger event, as the built package describes them.
		const { actions, events } = describedActions();
		// the node's details panel sits outside [data-test-id="node-creator"]: read the page's text
		const panel = await editor.waitForText(page, 'body', /Actions \(\d+\)/);
		const missing = actions.filter((action) => !panel.includes(action));
		expect(missing.length === 0, `the node creator lacks ${missing.length} of ${actions.length} actions: ${missing.join(' | ')}`);
		await screenshot(page, 'node-creator.png');
		const sections = await editor.texts(page, '[data-test-id="node-creator-category-item"]');
		const triggers = sections.find((text) => /trigger/i.test(text));
		expect(triggers, `no triggers section, only: ${sections.join(' | ')}`);
		// "Triggers (N)": one per event of the Aluma Trigger
		const count = /\((\d+)\)/.exec(triggers)?.[1];
		expect(count === undefined || Number(count) === events.length, `the section reads "${triggers}", the trigger has ${events.length} events`);
		say(`        sections: ${sections.join(' | ')}`);
		await page.keyboard.press('Escape');
	});

	await runCase('a new "Wait for Task" node offers its states in words', async () => {
		const { waitTargets } = describedActions();
		await editor.openWorkflow(page, demo, workflowId(demo, /extract an invoice/i));
		await editor.clickUntil(page, '[data-test-id="node-creator-plus-button"]', '[data-test-id="node-creator-search-bar"]');
		await page.type('[data-test-id="node-creator-search-bar"]', 'Aluma');
		await editor.waitForText(page, '[data-test-id="item-iterator-item"]', /Aluma/);
		await page.click('[data-test-id="item-iterator-item"]');
		await editor.waitForText(page, 'body', /Wait for a task/);
		await page.evaluate(() =>
			[...document.querySelectorAll('[data-test-id="node-creator-action-item"], [data-test-id="item-iterator-item"]')]
				.filter((e) => /^Wait for a task/.test(e.innerText.trim()))
				.at(-1)
				?.click(),
		);
		await page.waitForSelector('[data-test-id="ndv"] [data-test-id="parameter-input-waitUntil"]', { visible: true });
		await page.click('[data-test-id="ndv"] [data-test-id="parameter-input-waitUntil"]');
		const offered = await editor.waitForText(page, '.el-select-dropdown__item, [role="option"]', new RegExp(waitTargets[0]));
		const absent = waitTargets.filter((name) => !offered.includes(name));
		expect(absent.length === 0, `Wait Until lacks: ${absent.join(', ')}; it offers: ${offered.replace(/\n/g, ', ')}`);
		expect(!/pending:/.test(offered), `Wait Until still offers raw states: ${offered.replace(/\n/g, ', ')}`);
		await page.keyboard.press('Escape');
		await editor.closeNode(page);
	});

	await runCase('the extractor picker lists the fake\'s extractors', async () => {
		await editor.openWorkflow(page, demo, workflowId(demo, /extract an invoice/i));
		await editor.openNode(page, 'Extract Invoice Data');
		const items = await editor.pickerItems(page);
		expect(items.includes('aluma.invoices.gb'), `the picker lists: ${items.join(', ')}`);
		await screenshot(page, 'picker.png');
		await page.keyboard.press('Escape');
		await editor.closeNode(page);
	});

	await runCase('the classifier picker lists the fake\'s classifiers', async () => {
		await editor.openWorkflow(page, demo, workflowId(demo, /mail room/i));
		await editor.openNode(page, 'Classify and Extract');
		const items = await editor.pickerItems(page);
		expect(items.includes('mailroom'), `the picker lists: ${items.join(', ')}`);
		await page.keyboard.press('Escape');
		await editor.closeNode(page);
	});

	await runCase('the trigger\'s project picker lists the fake\'s projects', async () => {
		await editor.openWorkflow(page, demo, workflowId(demo, /export loop/i));
		await editor.openNode(page, 'When Tasks Are Ready for Export');
		const items = await editor.pickerItems(page);
		expect(items.some((item) => item.includes('Invoices')), `the picker lists: ${items.join(', ')}`);
		await page.keyboard.press('Escape');
		await editor.closeNode(page);
	});

	await runCase('runs "extract an invoice" from the editor and shows the invoice\'s fields in the output panel', async () => {
		await editor.openWorkflow(page, demo, workflowId(demo, /extract an invoice/i));
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.waitForSelector(`${editor.canvasNode('Extract Invoice Data')} [data-test-id="canvas-node-status-success"]`, { timeout: 60_000 });
		await editor.openNode(page, 'Extract Invoice Data');
		const output = await editor.waitForText(page, '[data-test-id="output-panel"]', /INV-1001/);
		for (const field of ['Invoice Number', 'Gross Total', 'Supplier Name']) expect(output.includes(field), `no "${field}" in the output panel`);
		await page.click('[data-test-id="output-panel"] [data-test-id="radio-button-json"]');
		const json = await editor.waitForText(page, '[data-test-id="output-panel"]', /"Invoice Number"/);
		// a one-step output carries no ID of the temporary document it deleted
		expect(!/"documentId"/.test(json), 'the output still has a "documentId" (of a document already deleted)');
		await screenshot(page, 'output.png', await page.$('[data-test-id="output-panel"]'));
		await editor.closeNode(page);
	});

	await runCase('Create From Modules: named Add buttons, and a parameter picker of the chosen module\'s parameters with their types', async () => {
		await openNewWorkflow(page, demo, 'create an extractor from modules', [
			{ name: 'Create Extractor', parameters: { resource: 'extractor', operation: 'create', extractorName: 'browser.modules', defineWith: 'modules', modules: { module: [{ id: 'aluma.invoice_type' }] } } },
		]);
		await editor.openNode(page, 'Create Extractor');
		const panel = '[data-test-id="ndv"] [data-test-id="node-parameters"]';
		const text = await editor.waitForText(page, panel, /Add Field Alias/);
		expect(text.includes('Add Argument'), 'no "Add Argument" button in the module');
		expect(!/Choose\.\.\./.test(text), `the panel still offers "Choose...": ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
		await clickText(page, panel, 'Add Argument', `${panel} [data-test-id="parameter-input-name"]`);
		await page.click(`${panel} [data-test-id="parameter-input-name"]`);
		// the fake's /modules: aluma.invoice_type's parameters
		const offered = await editor.waitForText(page, '.el-select-dropdown__item, [role="option"]', /receiving_country/);
		for (const entry of ['receiving_country (string, required)', 'allow_debit_notes (boolean)', 'allow_claim_notes (boolean)']) {
			expect(offered.includes(entry), `the parameter picker lacks "${entry}"; it lists: ${offered.replace(/\n/g, ', ')}`);
		}
		await page.keyboard.press('Escape');
		await editor.closeNode(page);
	});

	await runCase('API Request: a wrong path says Aluma has no such path (not the document expiry)', async () => {
		await openNewWorkflow(page, demo, 'API Request to a wrong path', [
			{ name: 'Wrong Path', parameters: { resource: 'apiRequest', operation: 'send', method: 'GET', path: '/no-such-thing', responseFormat: 'json', options: {} } },
		]);
		await editor.openNode(page, 'Wrong Path');
		await page.click('[data-test-id="node-execute-button"]');
		const text = await editor.waitForText(page, '[data-test-id="ndv"]', /Aluma has nothing at GET \/no-such-thing/);
		expect(!/10 minutes/.test(text), 'the error still speaks of the 10-minute document expiry');
		await editor.closeNode(page);
	});

	await runCase('a new Classifier Get node has Simplify, switched on', async () => {
		await openNewWorkflow(page, demo, 'get a classifier', [{ name: 'Get Classifier', parameters: { resource: 'classifier', operation: 'get' } }]);
		await editor.openNode(page, 'Get Classifier');
		await page.waitForSelector('[data-test-id="ndv"] [data-test-id="parameter-input-simplify"]', { visible: true });
		const text = await editor.waitForText(page, '[data-test-id="ndv"] [data-test-id="node-parameters"]', /Simplify/);
		expect(text.includes('Simplify'), 'no "Simplify" label');
		expect(await switchedOn(page, 'simplify'), 'Simplify is off');
		await editor.closeNode(page);
	});

	await runCase('a new Classifier Get Many node has Return All and Limit', async () => {
		await openNewWorkflow(page, demo, 'get many classifiers', [{ name: 'Get Classifiers', parameters: { resource: 'classifier', operation: 'getAll' } }]);
		await editor.openNode(page, 'Get Classifiers');
		await page.waitForSelector('[data-test-id="ndv"] [data-test-id="parameter-input-limit"]', { visible: true });
		const text = await editor.waitForText(page, '[data-test-id="ndv"] [data-test-id="node-parameters"]', /Return All/);
		expect(text.includes('Limit'), 'no "Limit" label');
		expect(!(await switchedOn(page, 'returnAll')), 'Return All is on by default');
		await editor.closeNode(page);
	});

	await runCase('a one-step Extract From File node offers the Keep Source option', async () => {
		await openNewWorkflow(page, demo, 'extract from a file', [
			{ name: 'Extract', parameters: { resource: 'document', operation: 'extractFromFile', extractor: { __rl: true, mode: 'name', value: 'aluma.invoices.gb' } } },
		]);
		await editor.openNode(page, 'Extract');
		const panel = '[data-test-id="ndv"] [data-test-id="node-parameters"]';
		const offered = await clickText(page, panel, 'Add option', /Keep Source/);
		expect(offered.includes('Keep Source'), 'no "Keep Source" among the options');
		await page.keyboard.press('Escape');
		await editor.closeNode(page);
	});

	await runCase('the Aluma Tool under an AI Agent starts from a URL, not a binary file', async () => {
		const toolVersion = newestVersion('dist/nodes/Aluma/Aluma.node.js', 'Aluma');
		await openNewWorkflow(
			page,
			demo,
			'an agent with the Aluma Tool',
			[
				{ name: 'AI Agent', type: '@n8n/n8n-nodes-langchain.agent', typeVersion: 3, credentials: undefined, parameters: { options: {} } },
				{ name: 'Aluma Tool', type: `${PACKAGE}.alumaTool`, typeVersion: toolVersion, position: [440, 200], parameters: {} },
			],
			{
				Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
				'Aluma Tool': { ai_tool: [[{ node: 'AI Agent', type: 'ai_tool', index: 0 }]] },
			},
		);
		await editor.openNode(page, 'Aluma Tool');
		const source = '[data-test-id="ndv"] [data-test-id="parameter-input-source"]';
		await page.waitForSelector(source, { visible: true });
		const value = await page.$eval(source, (element) => element.querySelector('input')?.value ?? element.innerText);
		expect(/^URL$/.test(value.trim()), `Source reads "${value}" for the default operation`);
		await page.waitForSelector('[data-test-id="ndv"] [data-test-id="parameter-input-url"]', { visible: true });
		await editor.closeNode(page);
	});

	await runCase('the output schemas are served (200) and shown before a run', async () => {
		const before = seen.schemaAnswers.length;
		await editor.openWorkflow(page, demo, workflowId(demo, /export loop/i));
		await editor.openNode(page, 'Store the Data (replace me)');
		await page.waitForSelector('[data-test-id="ndv-input-panel"] [data-test-id="run-data-schema-item"]', { timeout: editor.WAIT_MS });
		const fields = await editor.texts(page, '[data-test-id="ndv-input-panel"] [data-test-id="run-data-schema-item"]');
		expect(fields.some((text) => /specification/.test(text)), `the input preview shows: ${fields.slice(0, 10).join(', ')}`);
		await editor.closeNode(page);
		const answers = seen.schemaAnswers.slice(before);
		expect(answers.length > 0, 'the editor asked for no output schema');
		const bad = answers.filter((answer) => answer.status !== 200);
		expect(bad.length === 0, `schema requests not answered 200: ${bad.map((a) => `${a.status} ${a.url}`).join(', ')}`);
		// Every operation, at every version the node has, as the editor would ask for it.
		const paths = fs
			.readdirSync(path.join(REPO, 'nodes/Aluma/__schema__'), { recursive: true })
			.filter((file) => file.endsWith('.json'))
			.map((file) => {
				const [version, resource, operation] = file.replace(/\.json$/, '').split(path.sep);
				return `/schemas/${PACKAGE}.aluma/${version.slice(1)}/${resource}/${operation}.json`;
			});
		paths.push(`/schemas/${PACKAGE}.alumaTrigger/1.0.0.json`);
		const statuses = await page.evaluate(async (paths) => await Promise.all(paths.map(async (p) => [p, (await fetch(p)).status])), paths);
		const missing = statuses.filter(([, status]) => status !== 200);
		expect(missing.length === 0, `${missing.length} of ${statuses.length} schemas not served: ${missing.map(([p, s]) => `${s} ${p}`).join(', ')}`);
	});

	await runCase('the trigger fetches a test event: a task waiting for validation', async () => {
		const created = await editor.rest(page, 'POST', '/workflows', taskMakerWorkflow(demo));
		expect(created.status === 200 && created.body?.data?.id, `n8n refused the helper workflow: HTTP ${created.status}`);
		await editor.openWorkflow(page, demo, created.body.data.id);
		await page.click('[data-test-id="execute-workflow-button"]');
		await page.waitForSelector(`${editor.canvasNode('Create Task')} [data-test-id="canvas-node-status-success"]`, { timeout: 60_000 });
		await editor.openWorkflow(page, demo, workflowId(demo, /human validation/i));
		await editor.openNode(page, 'When a Task Is Ready for Validation');
		const { emitExisting } = describedActions();
		const panel = await editor.texts(page, '[data-test-id="ndv"] [data-test-id="node-parameters"]');
		expect(panel.join(' ').includes(emitExisting), `the trigger's panel does not show "${emitExisting}"`);
		// The fake moves a new task to "waiting for validation" after about two seconds.
		const deadline = Date.now() + 30_000;
		let output = '';
		while (Date.now() < deadline) {
			await page.click('[data-test-id="node-execute-button"]');
			output = await editor
				.waitForText(page, '[data-test-id="output-panel"]', /pending:start_client_action|Ready for Validation|\d+ items?/i, 10_000)
				.catch(() => '');
			if (/validation/i.test(output)) break;
		}
		expect(/validation/i.test(output), `no task in the test event; the output panel reads: ${output.slice(0, 300)}`);
		await editor.closeNode(page);
	});

	await runCase('saving a credential with a wrong secret shows why it cannot connect', async () => {
		// From an Aluma node's credential picker: "Create new credential" opens the Aluma API form.
		await editor.openWorkflow(page, demo, workflowId(demo, /extract an invoice/i));
		await editor.openNode(page, 'Extract Invoice Data');
		await editor.clickUntil(page, '[data-test-id="ndv"] [data-test-id="node-credentials-select"]', '[data-test-id="node-credentials-select-item-new"]');
		await page.click('[data-test-id="node-credentials-select-item-new"]');
		await page.waitForSelector('[data-test-id="parameter-input-clientId"] input', { visible: true, timeout: editor.WAIT_MS });
		// The Base URL first, and every field left with Tab: the form takes a value when its input
		// settles, and a save racing the last keystrokes tests the default host (api.aluma.io), which
		// does not resolve here and reads as n8n's generic "incorrect host" message.
		const baseUrl = '[data-test-id="parameter-input-baseUrl"] input';
		await page.click(baseUrl, { count: 3 });
		await page.keyboard.press('Backspace');
		await page.type(baseUrl, demo.fakeUrl);
		await page.keyboard.press('Tab');
		await page.type('[data-test-id="parameter-input-clientId"] input', 'aluma-demo-client');
		await page.keyboard.press('Tab');
		await page.type('[data-test-id="parameter-input-clientSecret"] input', 'not-the-secret');
		await page.keyboard.press('Tab');
		await page.waitForFunction((selector, url) => document.querySelector(selector)?.value === url, { timeout: editor.WAIT_MS }, baseUrl, demo.fakeUrl);
		await page.click('[data-test-id="credential-save-button"]');
		const modal = '[data-test-id="editCredential-modal"]';
		await editor.waitForText(page, modal, /Couldn.t connect with these settings/);
		await page.evaluate((modal) => [...document.querySelectorAll(`${modal} a, ${modal} span, ${modal} button`)].find((e) => e.innerText.trim() === 'More details')?.click(), modal);
		// the package's own words for a 401 from the token exchange (shared/tokenExchange.ts)
		const text = await editor.waitForText(page, modal, /rejected the client ID or client secret/i);
		await screenshot(page, 'credential-error.png');
		expect(!text.includes('not-the-secret'), 'the dialog shows the secret');
		const message = text.split('\n').find((line) => /rejected the client ID/i.test(line));
		say(`        the dialog reads: ${message.trim()}`);
	});

	await runCase(`no console error, page error or failed request from ${PACKAGE}`, async () => {
		const ours = seen.problems.filter(fromPackage);
		const registry = seen.problems.filter(fromRegistryLookup);
		if (registry.length) say(`        not counted: ${registry.length} failed look-up(s) of the package on the npm registry by n8n's editor`);
		expect(ours.length === 0, ours.map((p) => `${p.kind}: ${p.text.slice(0, 200)} ${p.url}`).join('\n'));
	});
}

async function main() {
	const started = Date.now();
	say(`browser suite: temp folder ${work}`);
	let demo;
	let browser;
	try {
		// Ctrl-C or a timeout: stop what the suite started before leaving
		for (const signal of ['SIGINT', 'SIGTERM']) {
			process.once(signal, async () => {
				say(`${signal}: stopping the browser and the demo`);
				await browser?.close().catch(() => {});
				await demo?.stop().catch(() => {});
				process.exit(130);
			});
		}
		demo = await startDemo();
		say(`demo ready in ${seconds(Date.now() - started)}: n8n ${demo.n8nVersion} at ${demo.url}, ${demo.workflows.length} example workflows`);
		browser = await launchBrowser();
		say(`${await browser.version()} (${CHROMIUM})`);
		const seen = { problems: [], schemaAnswers: [] };
		const session = {
			page: null,
			async renew() {
				await this.page?.close().catch(() => {});
				this.page = await browser.newPage();
				this.page.setDefaultTimeout(editor.WAIT_MS);
				this.page.setDefaultNavigationTimeout(90_000); // the editor's bundle is large; a loaded machine is slow to parse it
				watch(this.page, seen);
				if (this.loggedIn) await editor.login(this.page, demo).catch(() => {});
			},
		};
		await session.renew();
		await cases(session, demo, seen);
	} catch (error) {
		results.push({ title: 'set-up', ok: false });
		say(`  FAIL  set-up: ${String(error?.message ?? error)}`);
	} finally {
		await browser?.close().catch(() => {});
		await demo?.stop().catch(() => {});
	}
	const target = process.env.BROWSER_SCREENSHOTS;
	if (target) {
		const dir = path.resolve(REPO, target);
		fs.mkdirSync(dir, { recursive: true });
		for (const name of README_PICTURES) {
			if (fs.existsSync(path.join(shots, name))) fs.copyFileSync(path.join(shots, name), path.join(dir, name));
			else say(`  (no ${name} taken: its case did not run or failed)`);
		}
		say(`README pictures copied to ${dir}`);
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	say(`screenshots: ${shots}`);
	say(`browser suite: ${seconds(Date.now() - started)}`);
	if (process.env.SUITE_RESULT_FILE) fs.writeFileSync(process.env.SUITE_RESULT_FILE, JSON.stringify({ passed, failed }));
	if (!process.env.BROWSER_KEEP) {
		// keep the screenshots (test artifacts); drop the demo's data and the browser profile
		for (const entry of fs.readdirSync(work)) {
			if (entry !== 'screenshots' && entry !== 'start.log') fs.rmSync(path.join(work, entry), { recursive: true, force: true });
		}
	}
	say(`${passed} passed, ${failed} failed`);
	process.exitCode = failed || results.length === 0 ? 1 : 0;
}

main();
