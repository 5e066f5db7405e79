/**
 * Every `*.workflow.json` under test/workflow: the straightforward success path of an operation as
 * a workflow a user would build, Aluma's answers, and the output pinned next to it.
 * Adding one: test/workflow/harness/README.md ("Workflow files").
 */
import { useNock } from '../support/contract';
import { ensureHarness } from './harness';
import { alumaNodeOf, outputJson, pinAnswers, pinOutputIfAsked, readWorkflowFile, workflowFiles } from '../support/workflowFiles';

const contract = useNock();

// n8n-core's environment starts once per file, here rather than inside the first file's test time.
beforeAll(async () => await ensureHarness(), 30_000);

describe.each(workflowFiles())('%s', (file) => {
	it('gives the pinned output', async () => {
		const workflow = readWorkflowFile(file);
		const node = alumaNodeOf(workflow);
		pinAnswers(workflow.meta.alumaAnswers);

		const result = await contract.run({ parameters: node.parameters });

		expect(result.error).toBeUndefined();
		pinOutputIfAsked(file, workflow, node.name, outputJson(result));
		expect(outputJson(result)).toEqual(readWorkflowFile(file).pinData[node.name]);
	});
});
