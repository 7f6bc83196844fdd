import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'mamori-config-'));

  it('defaults: 127.0.0.1:8080, SQLite in ./.mamori', () => {
    const c = loadConfig({ env: {}, cwd });
    expect(c).toMatchObject({ host: '127.0.0.1', port: 8080, dataDir: path.join(cwd, '.mamori') });
    expect(c.databaseUrl).toBe(`sqlite:${path.join(cwd, '.mamori', 'mamori.db')}`);
  });

  it('automatic analysis: on, checking the vulnerability database every 60 s, unless set otherwise', () => {
    expect(loadConfig({ env: {}, cwd })).toMatchObject({ autoAnalysis: true, feedCheckSeconds: 60 });
    expect(loadConfig({ env: { MAMORI_AUTO_ANALYSIS: 'false', MAMORI_FEED_CHECK_SECONDS: '300' }, cwd })).toMatchObject({ autoAnalysis: false, feedCheckSeconds: 300 });
    expect(() => loadConfig({ env: { MAMORI_FEED_CHECK_SECONDS: '1' }, cwd })).toThrow(/feedCheckSeconds \(MAMORI_FEED_CHECK_SECONDS\): must be a whole number from 5 to 86400, got "1"/);
  });

  it('precedence: flags over environment over the config file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-config-'));
    writeFileSync(path.join(dir, 'mamori.config.json'), JSON.stringify({ port: 7000, host: '0.0.0.0', logLevel: 'debug' }));
    const c = loadConfig({ env: { MAMORI_PORT: '7100' }, flags: { host: '::1' }, cwd: dir });
    expect(c).toMatchObject({ port: 7100, host: '::1', logLevel: 'debug' });
  });

  it('accepts postgres URLs and relative SQLite paths', () => {
    expect(loadConfig({ env: { MAMORI_DATABASE_URL: 'postgres://u:p@h/db' }, cwd }).databaseUrl).toBe('postgres://u:p@h/db');
    expect(loadConfig({ env: { MAMORI_DATABASE_URL: 'sqlite:data/x.db' }, cwd }).databaseUrl).toBe(`sqlite:${path.join(cwd, 'data/x.db')}`);
    expect(loadConfig({ env: { MAMORI_DATABASE_URL: 'postgresql://u@h/db' }, cwd }).databaseUrl).toBe('postgresql://u@h/db');
    expect(loadConfig({ env: { MAMORI_DATABASE_URL: 'data/y.db' }, cwd }).databaseUrl).toBe(`sqlite:${path.join(cwd, 'data/y.db')}`);
  });

  it('refuses database URLs of other databases and misspelt schemes instead of creating a SQLite file named after them', () => {
    for (const bad of ['mysql://u:p@h/db', 'postgress://u@h/db', 'postgres:u@h/db', 'https://h/db'])
      expect(() => loadConfig({ env: { MAMORI_DATABASE_URL: bad }, cwd }), bad).toThrow(/databaseUrl \(MAMORI_DATABASE_URL\): must be postgres:\/\/.*is not a database mamori supports/);
  });

  it('reports every problem at once, naming the variable', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-config-'));
    writeFileSync(path.join(dir, 'mamori.config.json'), JSON.stringify({ colour: 'blue' }));
    try {
      loadConfig({ env: { MAMORI_PORT: '99999', MAMORI_COOKIE_SECURE: 'maybe' }, cwd: dir });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/unknown setting "colour"/);
      expect(problems).toMatch(/port \(MAMORI_PORT\)/);
      expect(problems).toMatch(/cookieSecure \(MAMORI_COOKIE_SECURE\)/);
    }
  });

  it('says what each setting takes and what it got', () => {
    const problems = (env: Record<string, string>, file: Record<string, unknown> = {}) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-config-'));
      writeFileSync(path.join(dir, 'mamori.config.json'), JSON.stringify(file));
      try {
        loadConfig({ env, cwd: dir });
        return [];
      } catch (e) {
        return (e as ConfigError).problems;
      }
    };
    expect(problems({ MAMORI_PORT: '80.5', MAMORI_SESSION_TTL_MINUTES: '1', MAMORI_LOG_LEVEL: 'loud', MAMORI_SERVER: 'mamori.example.org', MAMORI_TRUST_PROXY: 'yes' })).toEqual([
      'port (MAMORI_PORT): must be a whole number from 0 to 65535, got "80.5"',
      'logLevel (MAMORI_LOG_LEVEL): must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      'trustProxy (MAMORI_TRUST_PROXY): must be true or false (or 1 or 0), got "yes"',
      'sessionTtlMinutes (MAMORI_SESSION_TTL_MINUTES): must be a whole number from 5 to 43200, got "1"',
      'server (MAMORI_SERVER): must be a URL such as https://mamori.example.org, got "mamori.example.org"',
    ]);
    // A problem names where the value came from: the environment, a flag or the file.
    expect(problems({}, { host: '', sbomMaxMegabytes: 4096, token: 7 }).map((p) => p.replace(/ in \S+mamori\.config\.json/, ' in FILE'))).toEqual([
      'host ("host" in FILE): must not be empty',
      'sbomMaxMegabytes ("sbomMaxMegabytes" in FILE): must be a whole number from 1 to 2048, got 4096',
      'token ("token" in FILE): must be text, got 7',
    ]);
    expect(() => loadConfig({ env: {}, flags: { dataDir: '', port: 'x' }, cwd })).toThrow(
      'port (--port): must be a whole number from 0 to 65535, got "x"\n  - dataDir (--data-dir): must not be empty',
    );
    // Numbers and switches as the environment gives them (text) and as the file gives them (JSON).
    const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-config-'));
    writeFileSync(path.join(dir, 'mamori.config.json'), JSON.stringify({ sessionTtlMinutes: 30, cookieSecure: true }));
    expect(loadConfig({ env: { MAMORI_PORT: ' 9090 ', MAMORI_TRUST_PROXY: '1', MAMORI_SBOM_MAX_MB: '2048' }, cwd: dir })).toMatchObject({
      port: 9090, trustProxy: true, cookieSecure: true, sessionTtlMinutes: 30, sbomMaxBytes: 2048 * 1024 * 1024,
    });
  });

  it('an explicit MAMORI_CONFIG that does not exist is an error', () => {
    expect(() => loadConfig({ env: { MAMORI_CONFIG: 'nope.json' }, cwd })).toThrow(ConfigError);
  });
});
