// `node --import ./scripts/run-typescript.mjs file.ts`: registers scripts/typescript-hooks.mjs.
import { register } from 'node:module';

register('./typescript-hooks.mjs', import.meta.url);
