import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/lib/../..). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const IIFE_PATH = join(ROOT, 'dist', 'voip-softphone.iife.js');
export const PAGE_DIR = join(ROOT, 'bench', 'page');
