/** Types for n8n-internals.js (the nested @n8n/* copies n8n-core resolves; see that file). */

type AnyClass<T = unknown> = abstract new (...args: never[]) => T;

export interface DiContainer {
	get<T>(type: AnyClass<T>): T;
	set<T>(type: AnyClass<T>, instance: T): void;
	has(type: AnyClass): boolean;
	reset(): void;
}

export interface InstanceSettingsConfigShape {
	enforceSettingsFilePermissions: boolean;
	encryptionKey: string;
	n8nFolder: string;
	userHome: string;
}

export interface SsrfProtectionConfigShape {
	enabled: boolean;
}

export declare const Container: DiContainer;
export declare const InstanceSettingsConfig: new () => InstanceSettingsConfigShape;
export declare const SsrfProtectionConfig: new () => SsrfProtectionConfigShape;
export declare const Logger: AnyClass;
export declare const resolvedFrom: {
	di: string;
	config: string;
	backendCommon: string;
	backendNetwork: string;
};
