// Types of scripts/sample-draft.mjs, for the TypeScript end-to-end harness.
export declare const sampleDraftName: string;
export declare const sampleDraft: string;
export declare function createSampleWorkspace(dir: string, options?: { overwrite?: boolean }): string;
