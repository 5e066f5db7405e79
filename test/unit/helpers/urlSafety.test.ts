import { timers } from '../../support/node';

import { checkImportUrl, isPrivateHost } from '../../../nodes/Aluma/helpers/urlSafety';
import { runLimited } from '../../../nodes/Aluma/helpers/concurrency';

describe('import URL checks', () => {
	it.each(['https://example.com/a.pdf', 'http://files.example.org/x?y=1'])('accepts %s', (url) => {
		expect(checkImportUrl(url)).toBeUndefined();
	});

	it.each([
		['ftp://example.com/a.pdf', 'scheme "ftp" is not supported'],
		['file:///etc/passwd', 'scheme "file" is not supported'],
		['http://127.0.0.1:8080/a.pdf', 'local or private address'],
		['http://localhost/a.pdf', 'local or private address'],
		['http://10.1.2.3/a.pdf', 'local or private address'],
		['http://192.168.0.10/a.pdf', 'local or private address'],
		['http://172.20.0.1/a.pdf', 'local or private address'],
		['http://169.254.169.254/latest/meta-data', 'local or private address'],
		['http://[::1]/a.pdf', 'local or private address'],
		['not a url', 'is not a valid URL'],
	])('refuses %s', (url, message) => {
		expect(checkImportUrl(url)?.message).toContain(message);
	});

	it('does not mistake public addresses for private ones', () => {
		expect(isPrivateHost('172.32.0.1')).toBe(false);
		expect(isPrivateHost('8.8.8.8')).toBe(false);
	});
});

describe('runLimited', () => {
	it('never runs more than the limit at once and runs every index once', async () => {
		let running = 0;
		let peak = 0;
		const seen: number[] = [];
		await runLimited(20, 4, async (index) => {
			running++;
			peak = Math.max(peak, running);
			await timers.setImmediate();
			seen.push(index);
			running--;
		});
		expect(peak).toBe(4);
		expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
	});

	it('stops starting new work after a failure, lets running work finish, then throws the first error', async () => {
		const finished: number[] = [];
		const failure = runLimited(10, 3, async (index) => {
			await timers.setImmediate();
			if (index === 1) throw new Error('boom');
			finished.push(index);
		});
		await expect(failure).rejects.toThrow('boom');
		expect(finished).toEqual(expect.arrayContaining([0, 2]));
		expect(finished.length).toBeLessThan(9);
	});
});
