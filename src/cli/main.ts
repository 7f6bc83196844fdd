import { processIo } from './io.js';
import { runLight } from './light.js';

const argv = process.argv.slice(2);
const io = processIo();
const code = (await runLight(argv, io)) ?? (await (await import('./run.js')).run(argv, io));
process.exitCode = code;
