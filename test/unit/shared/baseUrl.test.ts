import { buildApiUrl, encodeSegment, isSameOrigin, normalizeBaseUrl } from '../../../shared/baseUrl';

describe('normalizeBaseUrl', () => {
	it('defaults to Aluma when empty and strips trailing slashes', () => {
		expect(normalizeBaseUrl('')).toBe('https://api.aluma.io');
		expect(normalizeBaseUrl(undefined)).toBe('https://api.aluma.io');
		expect(normalizeBaseUrl('https://api.aluma.io///')).toBe('https://api.aluma.io');
		expect(normalizeBaseUrl(' https://eu.example.com/aluma/ ')).toBe('https://eu.example.com/aluma');
	});

	it('accepts plain http only for loopback test servers', () => {
		expect(normalizeBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
		expect(normalizeBaseUrl('http://localhost:1234/')).toBe('http://localhost:1234');
		expect(normalizeBaseUrl('http://[::1]:9000')).toBe('http://[::1]:9000');
		expect(() => normalizeBaseUrl('http://api.aluma.io')).toThrow('must use https');
		expect(() => normalizeBaseUrl('http://10.0.0.5')).toThrow('must use https');
		expect(() => normalizeBaseUrl('ftp://api.aluma.io')).toThrow('must use https');
	});

	it('refuses URLs that are invalid or carry user info, query or fragment', () => {
		expect(() => normalizeBaseUrl('not a url')).toThrow('is not a valid URL');
		expect(() => normalizeBaseUrl('https://user:pw@api.aluma.io')).toThrow('user name or password');
		expect(() => normalizeBaseUrl('https://api.aluma.io/?x=1')).toThrow('query string');
	});
});

describe('buildApiUrl', () => {
	const base = 'https://api.aluma.io';

	it('joins relative paths with or without a leading slash', () => {
		expect(buildApiUrl(base, '/documents')).toBe('https://api.aluma.io/documents');
		expect(buildApiUrl(base, 'documents/abc')).toBe('https://api.aluma.io/documents/abc');
		expect(buildApiUrl('https://h.example/prefix', '/tasks')).toBe('https://h.example/prefix/tasks');
	});

	it.each(['https://evil.example/x', 'http://evil.example', '//evil.example/x', 'javascript:alert(1)', '\\\\evil'])(
		'refuses the absolute or host-changing path %s',
		(path) => {
			expect(() => buildApiUrl(base, path)).toThrow();
		},
	);

	it.each(['/documents/../oauth/token', '../x', '/a/./b', '/a/%2e%2e/b', '/a/%2E./b'])('refuses dot segments in %s', (path) => {
		expect(() => buildApiUrl(base, path)).toThrow('"." or ".."');
	});

	it('refuses empty paths and control characters', () => {
		expect(() => buildApiUrl(base, '  ')).toThrow('The path is empty');
		expect(() => buildApiUrl(base, '/documents\r\nX-Evil: 1')).toThrow('control characters');
	});
});

describe('isSameOrigin', () => {
	it('compares scheme, host and port', () => {
		expect(isSameOrigin('https://api.aluma.io', 'https://api.aluma.io/documents')).toBe(true);
		expect(isSameOrigin('https://api.aluma.io', '/documents', 'https://api.aluma.io')).toBe(true);
		expect(isSameOrigin('https://api.aluma.io', 'https://api.aluma.io.evil.example/documents')).toBe(false);
		expect(isSameOrigin('https://api.aluma.io', 'http://api.aluma.io/documents')).toBe(false);
		expect(isSameOrigin('http://127.0.0.1:8080', 'http://127.0.0.1:8081/x')).toBe(false);
	});
});

describe('encodeSegment', () => {
	it('keeps a user value inside one path segment', () => {
		expect(encodeSegment('a/b?c#d')).toBe('a%2Fb%3Fc%23d');
		expect(encodeSegment('..')).toBe('%2E%2E');
		expect(encodeSegment('aluma.invoices.gb')).toBe('aluma.invoices.gb');
	});
});
