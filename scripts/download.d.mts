// Types of scripts/download.mjs, for lib/utils/download.ts.
export interface DownloadOptions {
  label?: string;
  progress?: boolean;
  retries?: number;
  retryDelayMs?: number;
  log?: (line: string) => void;
}
export declare function downloadTo(url: string, file: string, options?: DownloadOptions): Promise<number>;
export declare function proxyNote(url?: string): string;
