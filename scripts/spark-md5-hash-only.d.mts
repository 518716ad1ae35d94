export function sparkMd5HashOnly(source: string): string;
export const MD5_SAMPLES: readonly string[];
export function checkHashOnly(moduleText: string): void;
