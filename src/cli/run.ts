/**
 * The CLI entry point as a function: `run(argv, io)` resolves to the exit code. The bin shim calls it
 * with the real process; tests call it directly.
 */
import type { Command } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerDb } from './commands/db.js';
import { registerOpenApiCommand } from './commands/openapi.js';
import { registerOrg } from './commands/org.js';
import { registerOrgRecords } from './commands/org-records.js';
import { registerProduct } from './commands/product.js';
import { registerRelease } from './commands/release.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { registerDemo } from './commands/demo.js';
import { registerUser } from './commands/user.js';
import { registerVersion } from './commands/version.js';
import { registerSbom } from './commands/sbom.js';
import { registerCompliance } from './commands/compliance.js';
import { registerScan } from './commands/scan.js';
import { registerFeeds } from './commands/feeds.js';
import { registerVulnCommands } from './commands/vuln.js';
import { registerFindings } from './commands/findings.js';
import { registerThreat } from './commands/threat.js';
import { registerRisk } from './commands/risk.js';
import { registerTrace } from './commands/trace.js';
import { registerVex } from './commands/vex.js';
import { registerTriage } from './commands/triage.js';
import type { CliIo } from './io.js';
import { createProgram, runProgram } from './program.js';

export function buildProgram(io: CliIo): Command {
  return createProgram(io, (program, io, global) => {
    registerServe(program, io, global);
    registerDb(program, io, global);
    registerOrg(program, io, global);
    registerDemo(program, io, global);
    registerOrgRecords(program, io, global);
    registerUser(program, io, global);
    registerToken(program, io, global);
    registerAudit(program, io, global);
    registerProduct(program, io, global);
    registerRelease(program, io, global);
    registerSbom(program, io, global);
    registerVersion(program, io, global);
    registerCompliance(program, io, global);
    registerScan(program, io, global);
    registerFeeds(program, io, global);
    registerVulnCommands(program, io, global);
    registerFindings(program, io, global);
    registerThreat(program, io, global);
    registerRisk(program, io, global);
    registerTrace(program, io, global);
    registerVex(program, io, global);
    registerTriage(program, io, global);
    registerOpenApiCommand(program, io, global);
  });
}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  return runProgram(buildProgram(io), argv, io);
}
